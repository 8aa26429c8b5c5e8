package vigil.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The integer convolution against its float-simulated twin (the engine's float conv on dequantized
 * values): with power-of-two scales both are exact, so the codes must be identical.
 */
class QLinearConvTest {
    private static final float OUT_SCALE = 0x1p-1f;

    private static void assertMatchesTwin(long seed, int[] xShape, int[] wShape, ConvGeometry g, boolean perChannel,
            boolean withBias, QuantType outType, int outZero) {
        Random rng = new Random(seed);
        QTensor x = QuantFixtures.random(rng, xShape, QuantType.UINT8, QuantParams.perTensor(0x1p-3f, 100));
        QuantParams wp = perChannel ? QuantFixtures.perChannelSymmetric(rng, wShape[0])
                : QuantParams.perTensor(0x1p-5f, 3);
        QTensor w = QuantFixtures.random(rng, wShape, QuantType.INT8, wp);
        int[] bias = withBias ? QuantFixtures.randomBias(rng, wShape[0]) : null;
        QTensor y = QLinearConv.forward(x, w, bias, g, OUT_SCALE, outZero, outType, Rounding.FLOAT);
        QTensor twin = SimulatedQuant.conv(x, w, bias, g, OUT_SCALE, outZero, outType);
        assertArrayEquals(twin.shape(), y.shape(), "shape");
        assertArrayEquals(twin.values(), y.values(), "codes");
        int distinct = (int) java.util.Arrays.stream(y.values()).distinct().count();
        assertTrue(distinct > 10, "the case saturates everything (" + distinct + " distinct codes)");
    }

    private static ConvGeometry geometry(int stride, int[] pads, int dilation, int groups) {
        return new ConvGeometry(new int[] {stride, stride}, pads, new int[] {dilation, dilation}, groups);
    }

    @Test
    void plainConvolutionMatchesTheTwin() {
        assertMatchesTwin(1, new int[] {2, 3, 7, 6}, new int[] {4, 3, 3, 3}, geometry(1, new int[] {1, 1, 1, 1}, 1, 1),
                false, false, QuantType.UINT8, 128);
    }

    @Test
    void strideAsymmetricPaddingAndDilationMatchTheTwin() {
        assertMatchesTwin(2, new int[] {1, 3, 9, 8}, new int[] {5, 3, 3, 2},
                geometry(2, new int[] {2, 0, 1, 3}, 2, 1), false, true, QuantType.INT8, 0);
    }

    @Test
    void groupedConvolutionMatchesTheTwin() {
        assertMatchesTwin(3, new int[] {1, 4, 6, 6}, new int[] {6, 2, 3, 3}, geometry(1, new int[] {1, 1, 1, 1}, 1, 2),
                true, true, QuantType.UINT8, 60);
    }

    @Test
    void depthwiseWithPerChannelWeightsMatchesTheTwin() {
        // groups == C == 4, channel multiplier 2: w [8, 1, 3, 3]
        assertMatchesTwin(4, new int[] {2, 4, 8, 7}, new int[] {8, 1, 3, 3}, geometry(2, new int[] {1, 1, 1, 1}, 1, 4),
                true, true, QuantType.INT8, -5);
    }

    @Test
    void pointwiseWithPerChannelWeightsMatchesTheTwin() {
        assertMatchesTwin(5, new int[] {1, 16, 5, 5}, new int[] {8, 16, 1, 1}, geometry(1, new int[4], 1, 1),
                true, true, QuantType.INT8, 0);
    }

    @Test
    void accumulatorIsTheZeroPointShiftedDotProductPlusBias() {
        // x [1,1,2,2] codes (10, 20, 30, 40), Z_x 10; w [1,1,2,2] codes (1, 2, 3, 4), Z_w 1; bias 5.
        // (0*0 + 10*1 + 20*2 + 30*3) + 5 = 145
        QTensor x = new QTensor(new byte[] {10, 20, 30, 40}, new int[] {1, 1, 2, 2}, QuantType.UINT8,
                QuantParams.perTensor(1f, 10));
        QTensor w = new QTensor(new byte[] {1, 2, 3, 4}, new int[] {1, 1, 2, 2}, QuantType.INT8,
                QuantParams.perTensor(1f, 1));
        assertArrayEquals(new int[] {145}, QLinearConv.accumulate(x, w, new int[] {5}, ConvGeometry.unit()));
    }

    @Test
    void fixedPointRoundingUsesEachChannelsMultiplierAndStaysWithinOneCodeOfFloat() {
        // Per-channel weight scales: channel o requantizes by M[o] = S_x S_w[o] / S_y in Q31; TFLite
        // rounds twice (high multiply, then shift), so it may differ from rint(acc * M) by one code.
        Random rng = new Random(6);
        QTensor x = QuantFixtures.random(rng, new int[] {1, 3, 6, 6}, QuantType.UINT8, QuantParams.perTensor(0.02f, 128));
        QuantParams wp = QuantParams.perChannel(new float[] {0.01f, 0.003f, 0.02f, 0.007f}, new int[4], 0);
        QTensor w = QuantFixtures.random(rng, new int[] {4, 3, 3, 3}, QuantType.INT8, wp);
        ConvGeometry g = geometry(1, new int[] {1, 1, 1, 1}, 1, 1);
        float outScale = 0.37f;
        int[] acc = QLinearConv.accumulate(x, w, null, g);
        int[] exact = QLinearConv.forward(x, w, null, g, outScale, 3, QuantType.INT8, Rounding.FLOAT).values();
        int[] fixed = QLinearConv.forward(x, w, null, g, outScale, 3, QuantType.INT8, Rounding.FIXED_POINT).values();
        int plane = 36;
        for (int i = 0; i < acc.length; i++) {
            int o = i / plane;
            FixedPoint.Multiplier m = FixedPoint.quantizeMultiplier(0.02f * wp.scale(o) / outScale);
            int expected = QuantType.INT8.saturate(FixedPoint.multiplyByQuantizedMultiplier(acc[i], m) + 3L);
            assertEquals(expected, fixed[i], "element " + i + ": acc " + acc[i]);
            assertEquals(exact[i], fixed[i], 1, "element " + i + ": acc " + acc[i]);
        }
    }

    @Test
    void refusesWeightsWhoseChannelsDoNotMatchTheGroups() {
        Random rng = new Random(7);
        QTensor x = QuantFixtures.random(rng, new int[] {1, 4, 5, 5}, QuantType.UINT8, QuantParams.perTensor(1f, 0));
        QTensor w = QuantFixtures.random(rng, new int[] {4, 4, 3, 3}, QuantType.INT8, QuantParams.perTensor(1f, 0));
        assertThrows(IllegalArgumentException.class, () -> QLinearConv.forward(x, w, null,
                geometry(1, new int[4], 1, 2), 1f, 0, QuantType.INT8, Rounding.FLOAT));
    }
}
