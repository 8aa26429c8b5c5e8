package vigil.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;

/**
 * TensorFlow's nudging and min / max gradients against hand computations in double of the formulas of
 * tensorflow/core/kernels/fake_quant_ops_functor.h (Nudge, FakeQuantWithMinMaxVarsGradientFunctor):
 * scale = (max - min) / (qmax - qmin); zp = clamp(round(qmin - min / scale), qmin, qmax);
 * nudged_min = (qmin - zp) * scale; nudged_max = (qmax - zp) * scale. The engine works in float32, so
 * nudged bounds agree with the double hand values to float rounding: 1e-6 absolute for ranges of a few units.
 */
class FakeQuantMinMaxTest {
    private static final double FLOAT_TOL = 1e-6;

    private static void assertNudge(float min, float max, int bits, boolean narrow, int zp, double nMin,
                                    double nMax) {
        FakeQuantMinMax.Nudged r = FakeQuantMinMax.nudge(min, max, bits, narrow);
        assertEquals(zp, r.zeroPoint(), "zero point of [" + min + ", " + max + "]");
        assertEquals(nMin, r.min(), FLOAT_TOL, "nudged min");
        assertEquals(nMax, r.max(), FLOAT_TOL, "nudged max");
        assertEquals((nMax - nMin) / (r.quantMax() - r.quantMin()), r.scale(), FLOAT_TOL, "scale");
    }

    @Test
    void asymmetricRangeRoundsTheZeroPointToTheNearestCode() {
        double scale = (4.21 + 1.37) / 255; // 0.021882...
        // zero_point_from_min = 1.37 / scale = 62.607 -> 63
        assertNudge(-1.37f, 4.21f, 8, false, 63, -63 * scale, 192 * scale);
    }

    @Test
    void fourBitRangeRoundsDown() {
        double scale = 2.7 / 15; // 0.18; 0.8 / 0.18 = 4.44 -> 4
        assertNudge(-0.8f, 1.9f, 4, false, 4, -4 * scale, 11 * scale);
    }

    @Test
    void rangeAboveZeroIsShiftedDownToStartAtZero() {
        double scale = 2.5 / 255; // zero_point_from_min = -0.5 / scale < 0 -> zp 0, range [0, 2.5]
        assertNudge(0.5f, 3.0f, 8, false, 0, 0, 255 * scale);
    }

    @Test
    void rangeBelowZeroIsShiftedUpToEndAtZero() {
        double scale = 5.0 / 255; // zero_point_from_min = 6 / scale = 306 > 255 -> zp 255, range [-5, 0]
        assertNudge(-6f, -1f, 8, false, 255, -255 * scale, 0);
    }

    @Test
    void narrowSymmetricRangeHasZeroPoint128AndKeepsItsBounds() {
        double scale = 5.0 / 254; // codes 1..255; 1 + 2.5 / scale = 128 exactly
        assertNudge(-2.5f, 2.5f, 8, true, 128, -127 * scale, 127 * scale);
    }

    @Test
    void forwardRoundsOnTheNudgedGrid() {
        float[] x = {-3f, -1.0f, 0f, 0.5f, 1.0f, 4.3f};
        Tensor y = FakeQuantMinMax.perTensor(Tensor.of(x, x.length), -1.37f, 4.21f, 8, false);
        double scale = 5.58 / 255;
        double nMin = -63 * scale;
        double nMax = 192 * scale;
        for (int i = 0; i < x.length; i++) {
            double clamped = Math.min(Math.max(x[i], nMin), nMax);
            double expected = Math.floor((clamped - nMin) / scale + 0.5) * scale + nMin;
            assertEquals(expected, y.data()[i], 2 * FLOAT_TOL, "x = " + x[i]);
        }
        assertEquals(0f, y.data()[2], "real 0 is exactly representable after nudging");
    }

    @Test
    void gradientPassesInsideAndSumsBelowIntoMinAndAboveIntoMax() {
        // nudged range of [-1.37, 4.21] is [-1.3786, 4.2014]
        float[] x = {-2f, -1.0f, 0.5f, 4.3f, 5f};
        Tensor xt = Tensor.of(x, 5).requiresGrad(true);
        Tensor min = Tensor.of(new float[] {-1.37f}, 1).requiresGrad(true);
        Tensor max = Tensor.of(new float[] {4.21f}, 1).requiresGrad(true);
        Tensor y = FakeQuantMinMax.perTensor(xt, min, max, 8, false);
        y.mul(Tensor.of(new float[] {1, 2, 3, 4, 5}, 5)).sum().backward();
        assertArrayEquals(new float[] {0, 2, 3, 0, 0}, xt.gradArray());
        assertEquals(1f, min.gradArray()[0]);
        assertEquals(4f + 5f, max.gradArray()[0]);
    }

    @Test
    void perChannelGradientsSumWithinEachChannel() {
        // x [2 channels, 3]; channel 0 range [-1, 1] (narrow -> same), channel 1 range [-2, 2]
        float[] x = {-1.5f, 0.2f, 1.2f, -3f, 1.9f, 2.5f};
        Tensor xt = Tensor.of(x, 2, 3).requiresGrad(true);
        Tensor min = Tensor.of(new float[] {-1f, -2f}, 2).requiresGrad(true);
        Tensor max = Tensor.of(new float[] {1f, 2f}, 2).requiresGrad(true);
        FakeQuantMinMax.perChannel(xt, min, max, 0, 8, true)
                .mul(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)).sum().backward();
        assertArrayEquals(new float[] {0, 2, 0, 0, 5, 0}, xt.gradArray());
        assertArrayEquals(new float[] {1, 4}, min.gradArray());
        assertArrayEquals(new float[] {3, 6}, max.gradArray());
    }

    @Test
    void zeroRangeGivesZeros() {
        Tensor y = FakeQuantMinMax.perTensor(Tensor.of(new float[] {-1f, 0f, 2f}, 3), 0f, 0f, 8, false);
        assertArrayEquals(new float[] {0f, 0f, 0f}, y.data());
    }

    @Test
    void invertedRangeIsRejectedWithBothBounds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FakeQuantMinMax.nudge(2f, 1f, 8, false));
        assertTrue(e.getMessage().contains("min 2.0 > max 1.0"), e.getMessage());
    }

    @Test
    void nanOrInfiniteRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> FakeQuantMinMax.nudge(Float.NaN, 1f, 8, false));
        assertThrows(IllegalArgumentException.class, () -> FakeQuantMinMax.nudge(-1f, Float.NaN, 8, false));
        assertThrows(IllegalArgumentException.class,
                () -> FakeQuantMinMax.nudge(-1f, Float.POSITIVE_INFINITY, 8, false));
    }

    @Test
    void emptyNonZeroRangeAndBadBitCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> FakeQuantMinMax.nudge(1f, 1f, 8, false));
        assertThrows(IllegalArgumentException.class, () -> FakeQuantMinMax.nudge(-1f, 1f, 1, false));
        assertThrows(IllegalArgumentException.class, () -> FakeQuantMinMax.nudge(-1f, 1f, 17, false));
    }

    @Test
    void perChannelErrorNamesTheChannel() {
        Tensor x = Tensor.zeros(2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FakeQuantMinMax.perChannel(
                x, Tensor.of(new float[] {-1f, 3f}, 2), Tensor.of(new float[] {1f, 2f}, 2), 0, 8, false));
        assertTrue(e.getMessage().contains("channel 1"), e.getMessage());
    }
}
