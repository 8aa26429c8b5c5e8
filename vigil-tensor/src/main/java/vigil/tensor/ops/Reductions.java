package vigil.tensor.ops;

import java.util.Arrays;
import vigil.tensor.Shape;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;

/** Sums, means and maxima, over everything or along one dimension. Sums accumulate in double. */
public final class Reductions {
    private Reductions() {
    }

    public static Tensor sum(Tensor a) {
        float[] x = a.data();
        double s = 0;
        for (float v : x) {
            s += v;
        }
        return Autograd.record("sum", Tensor.scalar((float) s), g -> {
            float[] ga = new float[x.length];
            Arrays.fill(ga, g[0]);
            a.accumulateGrad(ga);
        }, a);
    }

    public static Tensor mean(Tensor a) {
        int n = a.numel();
        return Elementwise.mulScalar(sum(a), 1f / n);
    }

    public static Tensor sum(Tensor a, int dim, boolean keepDim) {
        int[] shape = a.shape();
        Softmax.Axis ax = Softmax.Axis.of(shape, dim);
        float[] x = a.data();
        float[] y = new float[ax.outer() * ax.inner()];
        for (int o = 0; o < ax.outer(); o++) {
            for (int in = 0; in < ax.inner(); in++) {
                double s = 0;
                int base = ax.lineStart(o, in);
                for (int k = 0; k < ax.size(); k++) {
                    s += x[base + k * ax.inner()];
                }
                y[o * ax.inner() + in] = (float) s;
            }
        }
        int d = Shape.dim(dim, shape.length);
        return Autograd.record("sum_dim", Tensor.of(y, reducedShape(shape, d, keepDim)), g -> {
            float[] ga = new float[x.length];
            for (int o = 0; o < ax.outer(); o++) {
                for (int in = 0; in < ax.inner(); in++) {
                    float v = g[o * ax.inner() + in];
                    int base = ax.lineStart(o, in);
                    for (int k = 0; k < ax.size(); k++) {
                        ga[base + k * ax.inner()] = v;
                    }
                }
            }
            a.accumulateGrad(ga);
        }, a);
    }

    public static Tensor mean(Tensor a, int dim, boolean keepDim) {
        return Elementwise.mulScalar(sum(a, dim, keepDim), 1f / a.dim(dim));
    }

    /** Maximum along a dimension; the gradient goes to the first maximal element. */
    public static Tensor max(Tensor a, int dim, boolean keepDim) {
        int[] shape = a.shape();
        Softmax.Axis ax = Softmax.Axis.of(shape, dim);
        float[] x = a.data();
        float[] y = new float[ax.outer() * ax.inner()];
        int[] arg = new int[y.length];
        for (int o = 0; o < ax.outer(); o++) {
            for (int in = 0; in < ax.inner(); in++) {
                int base = ax.lineStart(o, in);
                int best = base;
                for (int k = 1; k < ax.size(); k++) {
                    int p = base + k * ax.inner();
                    if (x[p] > x[best] || Float.isNaN(x[p])) {
                        best = p;
                    }
                }
                y[o * ax.inner() + in] = x[best];
                arg[o * ax.inner() + in] = best;
            }
        }
        int d = Shape.dim(dim, shape.length);
        return Autograd.record("max_dim", Tensor.of(y, reducedShape(shape, d, keepDim)), g -> {
            float[] ga = new float[x.length];
            for (int i = 0; i < g.length; i++) {
                ga[arg[i]] += g[i];
            }
            a.accumulateGrad(ga);
        }, a);
    }

    /** Index of the maximum along the last dimension, per row (no gradient). */
    public static int[] argmaxLastDim(Tensor a) {
        int[] shape = a.shape();
        int n = shape[shape.length - 1];
        float[] x = a.data();
        int rows = x.length / n;
        int[] out = new int[rows];
        for (int r = 0; r < rows; r++) {
            int best = 0;
            for (int k = 1; k < n; k++) {
                if (x[r * n + k] > x[r * n + best]) {
                    best = k;
                }
            }
            out[r] = best;
        }
        return out;
    }

    static int[] reducedShape(int[] shape, int d, boolean keepDim) {
        if (keepDim) {
            int[] s = shape.clone();
            s[d] = 1;
            return s;
        }
        int[] s = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != d) {
                s[j++] = shape[i];
            }
        }
        return s;
    }
}
