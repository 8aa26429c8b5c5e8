package vigil.tensor.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import vigil.tensor.parallel.Parallel;

/**
 * Forward and backward of PReLU over whole batches, the kernels behind {@link Activations#prelu}: Vector API
 * loops with scalar twins (the tails, and {@code -Dvigil.vector=off}). x, y, g: [samples, channels, inner]
 * flattened; slope of channel c is w[c] (or w[0] when shared).
 *
 * <p>y and d/dx are bit-identical to the twins (a blend of x and x * slope, of g and g * slope; NaN inputs
 * take the slope side, as in PyTorch). d/dslope sums g * x over x &lt;= 0 (or NaN): the vector kernel per
 * plane in float lanes, planes and then lanes added in double in a fixed order; the twin in float in order. They
 * differ by float reassociation only. Channels are split across threads and each sums its samples in order,
 * so both are independent of the thread count.
 */
final class PReluKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    // planes per parallel chunk: below about 16k elements a fork costs more than it saves
    private static final int MIN_CHUNK_ELEMENTS = 16384;

    private PReluKernel() {
    }

    // y = x > 0 ? x : slope[c] * x; planes (sample, channel) run in parallel
    static void forward(float[] x, float[] w, float[] y, int samples, int channels, int inner) {
        forward(x, w, y, samples, channels, inner, Gemm.VECTOR);
    }

    // vector selects the Vector API loop (else the scalar twin alone), so tests can run both in one JVM
    static void forward(float[] x, float[] w, float[] y, int samples, int channels, int inner, boolean vector) {
        int planes = samples * channels;
        Parallel.forRange(planes, grain(inner), (p0, p1) -> {
            for (int p = p0; p < p1; p++) {
                float slope = w[w.length == 1 ? 0 : p % channels];
                int off = p * inner;
                int i = vector ? forwardVector(x, y, off, inner, slope) : 0;
                for (; i < inner; i++) {
                    float v = x[off + i];
                    y[off + i] = v > 0f ? v : v * slope;
                }
            }
        });
    }

    // returns how many leading elements of the plane it wrote
    static int forwardVector(float[] x, float[] y, int off, int len, float slope) {
        int i = 0;
        for (int end = len - L + 1; i < end; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, off + i);
            VectorMask<Float> positive = v.compare(VectorOperators.GT, 0f);
            v.mul(slope).blend(v, positive).intoArray(y, off + i);
        }
        return i;
    }

    // gx = x > 0 ? g : slope[c] * g (overwritten); gw[slope] += sum of g * x where x <= 0 (if gw non-null).
    static void backward(float[] x, float[] w, float[] g, float[] gx, float[] gw, int samples, int channels,
                         int inner) {
        backward(x, w, g, gx, gw, samples, channels, inner, Gemm.VECTOR);
    }

    static void backward(float[] x, float[] w, float[] g, float[] gx, float[] gw, int samples, int channels,
                         int inner, boolean vector) {
        if (w.length == 1) {
            // one shared slope: its sum runs over every plane in order, so it stays on one thread
            backwardChannels(x, w, g, gx, gw, samples, channels, inner, 0, channels, vector);
            return;
        }
        Parallel.forRange(channels, Math.max(1, grain(inner) / Math.max(1, samples)),
                (c0, c1) -> backwardChannels(x, w, g, gx, gw, samples, channels, inner, c0, c1, vector));
    }

    private static void backwardChannels(float[] x, float[] w, float[] g, float[] gx, float[] gw, int samples,
                                         int channels, int inner, int c0, int c1, boolean vector) {
        boolean shared = w.length == 1;
        for (int c = c0; c < c1; c++) {
            float slope = w[shared ? 0 : c];
            if (vector) {
                double sum = backwardChannelVector(x, g, gx, samples, channels, inner, c, slope);
                if (gw != null) {
                    gw[shared ? 0 : c] += (float) sum;
                }
            } else {
                float acc = 0f;
                for (int n = 0; n < samples; n++) {
                    int off = (n * channels + c) * inner;
                    for (int i = 0; i < inner; i++) {
                        float v = x[off + i];
                        float gi = g[off + i];
                        if (v > 0f) {
                            gx[off + i] = gi;
                        } else {
                            gx[off + i] = gi * slope;
                            acc += gi * v;
                        }
                    }
                }
                if (gw != null) {
                    gw[shared ? 0 : c] += acc;
                }
            }
        }
    }

    // one channel's planes: writes gx, returns the sum of g * x over x <= 0. Each plane in float lanes (its
    // last, partial vector masked: missing lanes load as 0 and add nothing), widened to double and added lane
    // by lane in sample order, the lanes added in order at the end: BatchNormKernel's summation, which
    // BatchNormPReluOp's slope gradient repeats bit for bit.
    private static double backwardChannelVector(float[] x, float[] g, float[] gx, int samples, int channels,
                                                int inner, int c, float slope) {
        FloatVector zero = FloatVector.zero(S);
        VectorMask<Float> tail = BatchNormKernel.tailMask(inner);
        int full = inner - inner % L;
        LaneSums sums = LaneSums.zeroed(0);
        for (int n = 0; n < samples; n++) {
            int off = (n * channels + c) * inner;
            FloatVector acc = zero;
            int i = 0;
            for (; i < full; i += L) {
                FloatVector v = FloatVector.fromArray(S, x, off + i);
                FloatVector gv = FloatVector.fromArray(S, g, off + i);
                VectorMask<Float> positive = v.compare(VectorOperators.GT, 0f);
                gv.mul(slope).blend(gv, positive).intoArray(gx, off + i);
                acc = acc.add(gv.mul(v).blend(zero, positive));
            }
            if (full < inner) {
                FloatVector v = FloatVector.fromArray(S, x, off + full, tail);
                FloatVector gv = FloatVector.fromArray(S, g, off + full, tail);
                VectorMask<Float> positive = v.compare(VectorOperators.GT, 0f);
                gv.mul(slope).blend(gv, positive).intoArray(gx, off + full, tail);
                acc = acc.add(gv.mul(v).blend(zero, positive));
            }
            acc.intoArray(sums.plane, 0);
            sums.addPlane();
        }
        return sums.total();
    }

    private static int grain(int inner) {
        return Math.max(1, MIN_CHUNK_ELEMENTS / Math.max(1, inner));
    }
}
