package vigil.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** ONNX QuantizeLinear / DequantizeLinear arithmetic on hand-worked values (numpy: rint(x / s) + z, clip). */
class AffineQuantizerTest {
    private static int[] codes(float[] x, int[] shape, QuantParams p, QuantType t) {
        return t.decodeAll(AffineQuantizer.quantize(x, shape, p, t));
    }

    @Test
    void quantizeRoundsHalfToEven() {
        float[] x = {0.5f, 1.5f, 2.5f, -0.5f, -1.5f, -2.5f, 0.49f, 2.51f};
        int[] expected = {0, 2, 2, 0, -2, -2, 0, 3};
        assertArrayEquals(expected, codes(x, new int[] {8}, QuantParams.perTensor(1f, 0), QuantType.INT8));
    }

    @Test
    void quantizeSaturatesToTheCodeRange() {
        float[] x = {-1000f, -300f, 0f, 300f, 1000f};
        QuantParams p = QuantParams.perTensor(2f, 10);
        // x / 2 + 10 = -490, -140, 10, 160, 510
        assertArrayEquals(new int[] {-128, -128, 10, 127, 127}, codes(x, new int[] {5}, p, QuantType.INT8));
        assertArrayEquals(new int[] {0, 0, 10, 160, 255}, codes(x, new int[] {5}, p, QuantType.UINT8));
    }

    @Test
    void quantizeDividesInFloat32() {
        // 0.35f / 0.1f is 3.4999999... in double but exactly 3.5 in float32: a tie, to the even 4.
        float[] x = {0.3f, 0.35f};
        assertArrayEquals(new int[] {3, 4}, codes(x, new int[] {2}, QuantParams.perTensor(0.1f, 0), QuantType.UINT8));
    }

    @Test
    void perChannelParametersFollowTheAxis() {
        // x: [2, 3], axis 1: scales (1, 2, 4), zero points (0, 1, 2)
        float[] x = {4, 4, 4, -8, -8, -8};
        QuantParams p = QuantParams.perChannel(new float[] {1, 2, 4}, new int[] {0, 1, 2}, 1);
        assertArrayEquals(new int[] {4, 3, 3, -8, -3, 0}, codes(x, new int[] {2, 3}, p, QuantType.INT8));
        // axis 0: scales (1, 2) for the rows
        QuantParams rows = QuantParams.perChannel(new float[] {1, 2}, new int[] {0, 0}, 0);
        assertArrayEquals(new int[] {4, 4, 4, -4, -4, -4}, codes(x, new int[] {2, 3}, rows, QuantType.INT8));
    }

    @Test
    void dequantizeSubtractsTheZeroPointThenScales() {
        byte[] q = {(byte) 0, (byte) 128, (byte) 255};
        float[] r = AffineQuantizer.dequantize(q, new int[] {3}, QuantParams.perTensor(0.5f, 128), QuantType.UINT8);
        assertArrayEquals(new float[] {-64f, 0f, 63.5f}, r, 0f);
        float[] s = AffineQuantizer.dequantize(q, new int[] {3}, QuantParams.perTensor(0.5f, 0), QuantType.INT8);
        assertArrayEquals(new float[] {0f, -64f, -0.5f}, s, 0f); // as int8 the bytes are 0, -128, -1
    }

    @Test
    void dequantizeThenQuantizeIsTheIdentityOnCodes() {
        byte[] q = new byte[256];
        for (int i = 0; i < 256; i++) {
            q[i] = (byte) i;
        }
        QuantParams p = QuantParams.perTensor(0.0137f, 37);
        float[] r = AffineQuantizer.dequantize(q, new int[] {256}, p, QuantType.UINT8);
        assertArrayEquals(q, AffineQuantizer.quantize(r, new int[] {256}, p, QuantType.UINT8));
    }

    @Test
    void refusesZeroPointsOutsideTheType() {
        QuantParams p = QuantParams.perTensor(1f, 200);
        assertThrows(IllegalArgumentException.class,
                () -> AffineQuantizer.quantize(new float[] {1f}, new int[] {1}, p, QuantType.INT8));
    }

    @Test
    void refusesPerChannelParametersThatDoNotFitTheShape() {
        QuantParams p = QuantParams.perChannel(new float[] {1, 1}, new int[] {0, 0}, 1);
        assertThrows(IllegalArgumentException.class,
                () -> AffineQuantizer.quantize(new float[6], new int[] {2, 3}, p, QuantType.INT8));
    }
}
