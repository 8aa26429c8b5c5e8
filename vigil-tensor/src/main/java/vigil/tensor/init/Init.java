package vigil.tensor.init;

import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;

/**
 * Weight initialisers, filling a tensor in place from a seeded {@link Rng}. Fan-in and fan-out
 * follow PyTorch: for [out, in, kh, kw] weights, fan_in = in*kh*kw and fan_out = out*kh*kw.
 */
public final class Init {
    private Init() {
    }

    public static int fanIn(int[] shape) {
        if (shape.length < 2) {
            throw new ShapeException("fan-in needs a weight of rank >= 2, got rank " + shape.length);
        }
        return shape[1] * receptiveField(shape);
    }

    public static int fanOut(int[] shape) {
        if (shape.length < 2) {
            throw new ShapeException("fan-out needs a weight of rank >= 2, got rank " + shape.length);
        }
        return shape[0] * receptiveField(shape);
    }

    private static int receptiveField(int[] shape) {
        int r = 1;
        for (int i = 2; i < shape.length; i++) {
            r *= shape[i];
        }
        return r;
    }

    public static Tensor uniform(Tensor t, float lo, float hi, Rng rng) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.uniform(lo, hi);
        }
        return t;
    }

    public static Tensor normal(Tensor t, float mean, float std, Rng rng) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (mean + std * rng.nextGaussian());
        }
        return t;
    }

    public static Tensor constant(Tensor t, float value) {
        java.util.Arrays.fill(t.data(), value);
        return t;
    }

    /** Glorot uniform: U(-a, a), a = gain * sqrt(6 / (fan_in + fan_out)). */
    public static Tensor xavierUniform(Tensor t, float gain, Rng rng) {
        int[] s = t.shape();
        float a = gain * (float) Math.sqrt(6.0 / (fanIn(s) + fanOut(s)));
        return uniform(t, -a, a, rng);
    }

    /** Glorot normal: N(0, gain^2 * 2 / (fan_in + fan_out)). */
    public static Tensor xavierNormal(Tensor t, float gain, Rng rng) {
        int[] s = t.shape();
        return normal(t, 0f, gain * (float) Math.sqrt(2.0 / (fanIn(s) + fanOut(s))), rng);
    }

    /**
     * He uniform with PyTorch's leaky-ReLU gain sqrt(2 / (1 + a^2)) over fan-in. PyTorch's default
     * for Linear and Conv2d weights is a = sqrt(5), which gives U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
     */
    public static Tensor kaimingUniform(Tensor t, double a, Rng rng) {
        double gain = Math.sqrt(2.0 / (1 + a * a));
        float bound = (float) (gain * Math.sqrt(3.0 / fanIn(t.shape())));
        return uniform(t, -bound, bound, rng);
    }

    /** He normal (fan-in, ReLU gain): N(0, 2 / fan_in). */
    public static Tensor kaimingNormal(Tensor t, Rng rng) {
        return normal(t, 0f, (float) Math.sqrt(2.0 / fanIn(t.shape())), rng);
    }

    /**
     * A (semi-)orthogonal matrix, as torch.nn.init.orthogonal_: QR of a Gaussian matrix with the signs
     * of R's diagonal folded into Q, so the result is uniformly distributed. Rows are orthonormal when
     * rows &lt;= cols, columns otherwise. Tensors of rank &gt; 2 are flattened to [shape[0], rest].
     */
    public static Tensor orthogonal(Tensor t, float gain, Rng rng) {
        int[] s = t.shape();
        if (s.length < 2) {
            throw new ShapeException("orthogonal init needs rank >= 2, got " + java.util.Arrays.toString(s));
        }
        int rows = s[0];
        int cols = t.numel() / rows;
        boolean transpose = rows < cols;
        int m = transpose ? cols : rows; // tall matrix m x n, m >= n
        int n = transpose ? rows : cols;
        double[][] q = new double[n][m]; // columns of the tall matrix
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                q[j][i] = rng.nextGaussian();
            }
        }
        // Modified Gram-Schmidt; sign(R_jj) > 0 by construction, which matches the sign fix-up.
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < m; i++) {
                    dot += q[k][i] * q[j][i];
                }
                for (int i = 0; i < m; i++) {
                    q[j][i] -= dot * q[k][i];
                }
            }
            double norm = 0;
            for (int i = 0; i < m; i++) {
                norm += q[j][i] * q[j][i];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < m; i++) {
                q[j][i] /= norm;
            }
        }
        float[] d = t.data();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = transpose ? q[r][c] : q[c][r];
                d[r * cols + c] = (float) (gain * v);
            }
        }
        return t;
    }
}
