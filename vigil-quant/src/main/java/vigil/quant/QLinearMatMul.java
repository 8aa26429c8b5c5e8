package vigil.quant;

import java.util.Arrays;

/**
 * Integer matrix multiply (ONNX QLinearMatMul): codes widen to int32, each product is taken relative to
 * its zero point, the int32 accumulator is requantized to the output's scale and zero point.
 * a: [..., M, K] per tensor; b: [..., K, N] (same batch dims as a) or [K, N] (shared by every batch),
 * per tensor or per column (axis = last) -> y: [..., M, N].
 */
public final class QLinearMatMul {
    private QLinearMatMul() {}

    public static QTensor forward(QTensor a, QTensor b, float outputScale, int outputZeroPoint, QuantType outputType,
            Rounding rounding) {
        checkParams(a, b);
        Requantizer out = rounding.requantizer(a.params().scale(0), b.params(), outputScale, outputZeroPoint, outputType);
        int[] shape = outputShape(a, b);
        int n = shape[shape.length - 1];
        int[] acc = accumulate(a, b);
        byte[] y = new byte[acc.length];
        for (int i = 0; i < acc.length; i++) {
            y[i] = (byte) out.requantize(acc[i], i % n);
        }
        return new QTensor(y, shape, outputType, QuantParams.perTensor(outputScale, outputZeroPoint));
    }

    /** The int32 accumulators sum_k (a - Z_a)(b - Z_b[n]): [..., M, N], before requantization. */
    public static int[] accumulate(QTensor a, QTensor b) {
        checkParams(a, b);
        int[] shape = outputShape(a, b);
        int m = a.dim(a.rank() - 2);
        int k = a.dim(a.rank() - 1);
        int n = b.dim(b.rank() - 1);
        int batches = 1;
        for (int d = 0; d < shape.length - 2; d++) {
            batches *= shape[d];
        }
        boolean sharedB = b.rank() == 2;
        int za = a.params().zeroPoint(0);
        int[] zb = new int[n];
        for (int j = 0; j < n; j++) {
            zb[j] = b.params().zeroPoint(b.params().isPerTensor() ? 0 : j);
        }
        int[] av = a.values();
        int[] bv = b.values();
        int[] acc = new int[count(shape)];
        for (int batch = 0; batch < batches; batch++) {
            int aOff = batch * m * k;
            int bOff = sharedB ? 0 : batch * k * n;
            int yOff = batch * m * n;
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < k; p++) {
                    int x = av[aOff + i * k + p] - za;
                    int bRow = bOff + p * n;
                    for (int j = 0; j < n; j++) {
                        acc[yOff + i * n + j] += x * (bv[bRow + j] - zb[j]);
                    }
                }
            }
        }
        return acc;
    }

    private static void checkParams(QTensor a, QTensor b) {
        if (!a.params().isPerTensor()) {
            throw new IllegalArgumentException("QLinearMatMul: a must be quantized per tensor, got " + a.params());
        }
        if (!b.params().isPerTensor() && b.params().axis() != b.rank() - 1) {
            throw new IllegalArgumentException("QLinearMatMul: b must be per tensor or per column (axis "
                    + (b.rank() - 1) + "), got " + b.params());
        }
    }

    private static int[] outputShape(QTensor a, QTensor b) {
        boolean ok = a.rank() >= 2 && b.rank() >= 2 && a.dim(a.rank() - 1) == b.dim(b.rank() - 2)
                && (b.rank() == 2 || Arrays.equals(Arrays.copyOf(a.shape(), a.rank() - 2),
                        Arrays.copyOf(b.shape(), b.rank() - 2)));
        if (!ok) {
            throw new IllegalArgumentException("QLinearMatMul: shapes " + Arrays.toString(a.shape()) + " and "
                    + Arrays.toString(b.shape()) + " (need [..., M, K] x [..., K, N] or [K, N])");
        }
        int[] shape = a.shape().clone();
        shape[shape.length - 1] = b.dim(b.rank() - 1);
        return shape;
    }

    private static int count(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
