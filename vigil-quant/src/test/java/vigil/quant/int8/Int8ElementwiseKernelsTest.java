package vigil.quant.int8;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import vigil.quant.FixedPoint;

/** Fully connected, add, channel multiply, pooling, PReLU and sigmoid kernels against their float twins. */
class Int8ElementwiseKernelsTest {

    private static void assertMostlyClear(Exactness.Outcome out, String what) {
        assertTrue(out.nearTies() * 20 < out.elements(), what + ": " + out.nearTies() + " of " + out.elements()
                + " elements near a tie");
    }

    @Test
    void fullyConnectedMatchesFloatTwinAndVectorEqualsScalar() {
        Random r = new Random(70);
        for (int[] dims : new int[][] {{3, 512, 128}, {2, 37, 3}, {1, 128, 4}}) {
            int n = dims[0];
            int in = dims[1];
            int o = dims[2];
            byte[] x = Int8Fixtures.codes(r, n * in);
            byte[] w = Int8Fixtures.weights(r, o * in);
            float sIn = 0.05f;
            int zIn = r.nextInt(256) - 128;
            float[] sW = Int8Fixtures.scales(r, o, 0.001f, 0.01f);
            int[] bias = Int8Fixtures.bias(r, o, 10000);
            double[] atOne = FloatTwins.fullyConnected(x, n, in, sIn, zIn, w, sW, bias, o, 1f);
            float sOut = Int8Fixtures.outputScale(atOne);
            int zOut = Int8Fixtures.zeroPointFor(atOne, sOut);
            OutputStage stage = OutputStage.linear(Int8Fixtures.multipliers(sIn, sW, sOut), zOut);
            Int8FullyConnected fc = new Int8FullyConnected(w, bias, o, in, zIn, stage);
            byte[] y = fc.forwardVector(x, n);
            assertArrayEquals(fc.forwardScalar(x, n), y, "FC vector vs scalar " + in + " -> " + o);
            double[] u = FloatTwins.fullyConnected(x, n, in, sIn, zIn, w, sW, bias, o, sOut);
            Exactness.Outcome out = Exactness.check(y, u, zOut, -128, 127,
                    (i, v) -> Exactness.requantBound(v, stage.shift(i % o, false)), "FC " + in + " -> " + o);
            if (n * o >= 20) {
                assertMostlyClear(out, "FC");
            }
        }
    }

    @Test
    void addWithTwoScalesMatchesFloatTwin() {
        Random r = new Random(80);
        int len = 4099;
        byte[] a = Int8Fixtures.codes(r, len);
        byte[] b = Int8Fixtures.codes(r, len);
        float sA = 0.031f;
        float sB = 0.0123f;
        int zA = -7;
        int zB = 40;
        float sOut = 0.035f; // narrower than the sum's range: both ends saturate
        int zOut = 3;
        Int8Add add = new Int8Add(sA, zA, sB, zB, sOut, zOut, -128, 127);
        double[] u = FloatTwins.add(a, sA, zA, b, sB, zB, sOut);
        // Each input is rescaled with at most one step of 2 max(S_a, S_b) / 2^20 of error (two roundings of
        // half a unit), so the sum carries 2 such units: 2 * 2 max / (2^20 S_out) output steps, besides the
        // output requantization's own bound.
        double inputSlack = 2 * 2 * Math.max(sA, sB) / ((1 << 20) * (double) sOut);
        Exactness.Outcome out = Exactness.check(add.forward(a, b), u, zOut, -128, 127,
                (i, v) -> Exactness.requantBound(v, add.outputShift()) + inputSlack + Math.abs(v) * 0x1p-30, "add");
        assertMostlyClear(out, "add");
        long saturated = java.util.stream.IntStream.range(0, len).filter(i -> Math.abs(u[i] + zOut) > 128).count();
        assertTrue(saturated > 0, "the case must exercise saturation");
    }

    @Test
    void addSaturatesAtInt8Limits() {
        Int8Add add = new Int8Add(0.1f, 0, 0.1f, 0, 0.1f, 0, -128, 127);
        assertEquals(127, add.apply(100, 100), "100 + 100 steps saturates at 127");
        assertEquals(-128, add.apply(-128, -128), "-128 + -128 steps saturates at -128");
        assertEquals(127, add.apply(127, 0), "an exact 127 stays");
        assertEquals(-3, add.apply(-1, -2), "small sums are exact");
        Int8Add relu = new Int8Add(0.1f, 0, 0.1f, 0, 0.1f, -20, -20, 127);
        assertEquals(-20, relu.apply(-50, 10), "a fused ReLU clamps at the output zero point");
    }

    @Test
    void channelMulMatchesFloatTwin() {
        Random r = new Random(90);
        int c = 13;
        int hw = 25;
        byte[] x = Int8Fixtures.codes(r, 2 * c * hw);
        byte[] g = Int8Fixtures.codes(r, 2 * c);
        float sX = 0.04f;
        int zX = 5;
        float sG = Int8Logistic.OUTPUT_SCALE;
        int zG = Int8Logistic.OUTPUT_ZERO_POINT;
        float sOut = 0.03f;
        int zOut = -2;
        Int8ChannelMul mul = new Int8ChannelMul(sX, zX, sG, zG, sOut, zOut);
        double[] u = FloatTwins.channelMul(x, sX, zX, g, sG, zG, hw, sOut);
        Exactness.Outcome out = Exactness.check(mul.forward(x, g, 2, c, hw), u, zOut, -128, 127,
                (i, v) -> Exactness.requantBound(v, mul.shift()), "channel mul");
        assertMostlyClear(out, "channel mul");
    }

    @Test
    void globalAveragePoolMatchesFloatTwinWithTfliteRounding() {
        Random r = new Random(100);
        int planes = 64;
        int hw = 7 * 9;
        byte[] x = Int8Fixtures.codes(r, planes * hw);
        float s = 0.07f;
        int z = -9;
        // TFLite rounds the mean CODE (zero point included) half away from zero, so the twin's value is
        // compared as u + Z with no separate zero point; ties are exact in double (k + 1/2 is representable).
        double[] u = FloatTwins.globalAvgPool(x, planes, hw, s, z);
        double[] codes = new double[planes];
        for (int i = 0; i < planes; i++) {
            codes[i] = u[i] + z;
        }
        Exactness.check(Int8GlobalAvgPool.forward(x, planes, 1, hw), codes, 0, -128, 127,
                (i, v) -> 1e-9, "global average pool");
        byte[] tie = {-128, -127};
        assertEquals(-128, Int8GlobalAvgPool.forward(tie, 1, 1, 2)[0], "mean code -127.5 rounds away from zero");
        byte[] tieUp = {1, 2};
        assertEquals(2, Int8GlobalAvgPool.forward(tieUp, 1, 1, 2)[0], "mean code 1.5 rounds away from zero");
    }

    @Test
    void standalonePreluMatchesFloatTwinAndSaturates() {
        Random r = new Random(110);
        int c = 7;
        int hw = 33;
        byte[] x = Int8Fixtures.codes(r, 3 * c * hw);
        byte[] alpha = {127, -127, 0, 127, 127, -127, 127};
        // Scales with no simple ratios: with round ones (0.05 / 0.03) many u fall exactly on ties.
        float[] sAlpha = {0.2531f / 127, 0.1173f / 127, 1f, 0.9071f / 127, 0.0137f / 127, 0.4919f / 127, 2.0123f / 127};
        float sIn = 0.0513f;
        int zIn = 20;
        float sOut = 0.0297f;
        int zOut = -40;
        Int8PRelu prelu = new Int8PRelu(sIn, zIn, alpha, sAlpha, sOut, zOut);
        double[] u = FloatTwins.prelu(x, c, hw, sIn, zIn, alpha, sAlpha, sOut);
        FixedPoint.Multiplier pos = FixedPoint.quantizeMultiplier((double) sIn / sOut);
        Exactness.Outcome out = Exactness.check(prelu.forward(x, 3, hw), u, zOut, -128, 127, (i, v) -> {
            int ch = (i / hw) % c;
            // The side is the sign of x - Z_in, not of u (a negative alpha flips it): bound by the looser side.
            int neg = FixedPoint.quantizeMultiplier((double) sIn * sAlpha[ch] / sOut).shift();
            return Math.max(Exactness.requantBound(v, neg), Exactness.requantBound(v, pos.shift()));
        }, "prelu");
        assertMostlyClear(out, "prelu");
        assertEquals(127, prelu.apply(127, 0), "a large positive input saturates at 127");
        assertEquals(-128, prelu.apply(-128, 6), "alpha 2 on a large negative input saturates at -128");
    }

    @Test
    void logisticTableHoldsRoundedSigmoid() {
        float sIn = 0.08f;
        int zIn = 10;
        Int8Logistic sigmoid = new Int8Logistic(sIn, zIn);
        for (int q = -128; q <= 127; q++) {
            double y = 1 / (1 + Math.exp(-(double) sIn * (q - zIn)));
            int want = Math.max(-128, Math.min(127, (int) Math.round(y * 256) - 128));
            assertEquals(want, sigmoid.apply(q), "sigmoid code of " + q);
        }
        assertEquals(127, sigmoid.apply(127), "sigmoid near 1 saturates at 127 (256/256 is not representable)");
    }

    @Test
    void multiplierDerivationIsWithinTwoToMinus31AndNormalised() {
        Random r = new Random(120);
        for (int t = 0; t < 10_000; t++) {
            double m = Math.exp(r.nextDouble() * 25 - 20); // 2e-9 .. 1.5e2 (below 2^-31 2^-31 TFLite flushes to 0)
            FixedPoint.Multiplier q = FixedPoint.quantizeMultiplier(m);
            assertTrue(q.m0() >= (1 << 30), "M0 of " + m + " is normalised to [2^30, 2^31): " + q.m0());
            double back = q.m0() * Math.scalb(1.0, q.shift() - 31);
            assertTrue(Math.abs(back - m) <= m * 0x1p-31, "M0 2^(shift-31) = " + back + " for " + m);
        }
        assertEquals(new FixedPoint.Multiplier(1 << 30, 0), FixedPoint.quantizeMultiplier(0.5));
        assertEquals(new FixedPoint.Multiplier(1 << 30, -3), FixedPoint.quantizeMultiplier(0.0625));
    }
}
