package vigil.quant;

import java.util.Arrays;

/**
 * Quantize and dequantize under r = S (q - Z), with exactly the arithmetic of ONNX QuantizeLinear /
 * DequantizeLinear: q = saturate(rint(x / S) + Z), the division in float32 and rint rounding half to
 * even; r = float32(q - Z) * S in float32.
 */
public final class AffineQuantizer {
    private AffineQuantizer() {}

    // x: shape (row-major) -> codes of the same shape, one byte each in `type`
    public static byte[] quantize(float[] x, int[] shape, QuantParams params, QuantType type) {
        checkSize(x.length, shape, "quantize");
        params.checkZeroPoints(type, "quantize");
        int inner = params.innerSize(shape, "quantize");
        byte[] q = new byte[x.length];
        for (int i = 0; i < x.length; i++) {
            int c = params.channelOf(i, inner);
            q[i] = (byte) quantize(x[i], params.scale(c), params.zeroPoint(c), type);
        }
        return q;
    }

    // codes: shape -> real values of the same shape
    public static float[] dequantize(byte[] q, int[] shape, QuantParams params, QuantType type) {
        checkSize(q.length, shape, "dequantize");
        params.checkZeroPoints(type, "dequantize");
        int inner = params.innerSize(shape, "dequantize");
        float[] r = new float[q.length];
        for (int i = 0; i < q.length; i++) {
            int c = params.channelOf(i, inner);
            r[i] = dequantize(type.decode(q[i]), params.scale(c), params.zeroPoint(c));
        }
        return r;
    }

    /** One value: saturate(rint(x / scale) + zeroPoint); NaN maps to the zero point, infinities saturate. */
    public static int quantize(float x, float scale, int zeroPoint, QuantType type) {
        float scaled = x / scale;
        if (Float.isNaN(scaled)) {
            return type.saturate(zeroPoint);
        }
        double shifted = Math.rint(scaled) + zeroPoint;
        return (int) Math.max(type.min(), Math.min(type.max(), shifted));
    }

    public static float dequantize(int q, float scale, int zeroPoint) {
        return (float) (q - zeroPoint) * scale;
    }

    private static void checkSize(int length, int[] shape, String op) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(op + ": negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != length) {
            throw new IllegalArgumentException(op + ": " + length + " values for shape " + Arrays.toString(shape));
        }
    }
}
