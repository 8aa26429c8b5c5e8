package vigil.quant;

import java.util.Arrays;

/**
 * A quantized tensor: row-major codes, one byte each in {@code type}, with the affine parameters that
 * map them to reals (r = S (q - Z), per tensor or per channel).
 */
public record QTensor(byte[] codes, int[] shape, QuantType type, QuantParams params) {
    public QTensor {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != codes.length) {
            throw new IllegalArgumentException("QTensor: " + codes.length + " codes for shape " + Arrays.toString(shape));
        }
        params.innerSize(shape, "QTensor");
        params.checkZeroPoints(type, "QTensor");
        shape = shape.clone();
    }

    public static QTensor quantize(float[] values, int[] shape, QuantParams params, QuantType type) {
        return new QTensor(AffineQuantizer.quantize(values, shape, params, type), shape, type, params);
    }

    public float[] dequantize() {
        return AffineQuantizer.dequantize(codes, shape, params, type);
    }

    /** The codes widened to ints. */
    public int[] values() {
        return type.decodeAll(codes);
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int d) {
        return shape[d];
    }
}
