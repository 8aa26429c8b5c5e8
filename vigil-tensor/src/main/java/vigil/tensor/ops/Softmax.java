package vigil.tensor.ops;

import vigil.tensor.Shape;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;

/** Softmax and log-softmax along one dimension, shifted by the max for stability. */
public final class Softmax {
    private Softmax() {
    }

    public static Tensor softmax(Tensor a, int dim) {
        Axis ax = Axis.of(a.shape(), dim);
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int o = 0; o < ax.outer(); o++) {
            for (int in = 0; in < ax.inner(); in++) {
                int base = ax.lineStart(o, in);
                float max = ax.lineMax(x, base);
                double sum = 0;
                for (int k = 0; k < ax.size(); k++) {
                    float e = (float) Math.exp(x[base + k * ax.inner()] - max);
                    y[base + k * ax.inner()] = e;
                    sum += e;
                }
                float inv = (float) (1.0 / sum);
                for (int k = 0; k < ax.size(); k++) {
                    y[base + k * ax.inner()] *= inv;
                }
            }
        }
        return Autograd.record("softmax", Tensor.of(y, a.shape()), g -> {
            // dx = y * (g - sum(g * y))
            float[] ga = new float[g.length];
            for (int o = 0; o < ax.outer(); o++) {
                for (int in = 0; in < ax.inner(); in++) {
                    int base = ax.lineStart(o, in);
                    double dot = 0;
                    for (int k = 0; k < ax.size(); k++) {
                        int p = base + k * ax.inner();
                        dot += g[p] * y[p];
                    }
                    for (int k = 0; k < ax.size(); k++) {
                        int p = base + k * ax.inner();
                        ga[p] = y[p] * (g[p] - (float) dot);
                    }
                }
            }
            a.accumulateGrad(ga);
        }, a);
    }

    public static Tensor logSoftmax(Tensor a, int dim) {
        Axis ax = Axis.of(a.shape(), dim);
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int o = 0; o < ax.outer(); o++) {
            for (int in = 0; in < ax.inner(); in++) {
                int base = ax.lineStart(o, in);
                float max = ax.lineMax(x, base);
                double sum = 0;
                for (int k = 0; k < ax.size(); k++) {
                    sum += Math.exp(x[base + k * ax.inner()] - max);
                }
                float lse = max + (float) Math.log(sum);
                for (int k = 0; k < ax.size(); k++) {
                    y[base + k * ax.inner()] = x[base + k * ax.inner()] - lse;
                }
            }
        }
        return Autograd.record("log_softmax", Tensor.of(y, a.shape()), g -> {
            // dx = g - softmax * sum(g)
            float[] ga = new float[g.length];
            for (int o = 0; o < ax.outer(); o++) {
                for (int in = 0; in < ax.inner(); in++) {
                    int base = ax.lineStart(o, in);
                    double sum = 0;
                    for (int k = 0; k < ax.size(); k++) {
                        sum += g[base + k * ax.inner()];
                    }
                    for (int k = 0; k < ax.size(); k++) {
                        int p = base + k * ax.inner();
                        ga[p] = g[p] - (float) Math.exp(y[p]) * (float) sum;
                    }
                }
            }
            a.accumulateGrad(ga);
        }, a);
    }

    /**
     * A shape seen as [outer, size, inner] around one dimension: outer * inner lines of size
     * elements each, element k of a line lying k * inner after its start.
     */
    record Axis(int outer, int size, int inner) {
        /** Flat index of element 0 of line (o, in). */
        int lineStart(int o, int in) {
            return o * size * inner + in;
        }

        /** The largest element of the line starting at start: the shift that keeps exp from overflowing. */
        float lineMax(float[] x, int start) {
            float max = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < size; k++) {
                max = Math.max(max, x[start + k * inner]);
            }
            return max;
        }

        static Axis of(int[] shape, int dim) {
            int d = Shape.dim(dim, shape.length);
            int outer = 1;
            int inner = 1;
            for (int i = 0; i < d; i++) {
                outer *= shape[i];
            }
            for (int i = d + 1; i < shape.length; i++) {
                inner *= shape[i];
            }
            return new Axis(outer, shape.length == 0 ? 1 : shape[d], inner);
        }
    }
}
