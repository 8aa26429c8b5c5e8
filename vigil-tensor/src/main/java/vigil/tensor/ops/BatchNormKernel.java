package vigil.tensor.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import vigil.tensor.parallel.Parallel;

/**
 * Vector API passes of {@link BatchNormOp} (its double-precision loops are the scalar twins, used with
 * {@code -Dvigil.vector=off}). x, y, gy, gx: [n, c, inner] flattened; per-channel arrays: [c].
 *
 * <p>Sums run per (sample, channel) plane in float lanes (the statistics in four interleaved accumulators; a
 * plane's last, partial vector is loaded masked, its missing lanes 0). Each plane's lane sums are widened to
 * double and added lane by lane in sample order, and the channel's lanes added in lane order at the end, so a
 * sum has the error of a plane-long float sum per lane (at most inner / 16 + 3 roundings), far below the
 * twin's tolerance checks, and does not depend on the thread count (channels are split across threads, each
 * summed whole by one). No plane ends in a scalar tail or a chain of dependent lane additions: those had cost
 * small planes (5x5: 25 floats, one vector and nine scalars) several times the per-element time of large ones.
 *
 * <p>The elementwise passes compute in float with scale and shift rounded once from double:
 * y = (x - m) * scale + beta', and
 * gx = k * gy + constant - (x - m) * (k * invStd * meanGX), where m is the mean rounded to float and the
 * shift (beta', constant) absorbs m - mean; each within a few ulps of the twin's double.
 */
final class BatchNormKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MIN_CHUNK_ELEMENTS = 16384;

    private BatchNormKernel() {
    }

    // fills mean[c] and the biased variance var[c] of each channel over samples and positions
    static void meanAndVariance(int n, int c, int inner, float[] x, double[] mean, double[] var) {
        Parallel.forRange(c, grain(n, inner), (c0, c1) -> {
            for (int ch = c0; ch < c1; ch++) {
                channelStatistics(n, c, inner, x, ch, mean, var);
            }
        });
    }

    static void channelStatistics(int n, int c, int inner, float[] x, int ch, double[] mean, double[] var) {
        double count = (double) n * inner;
        double m = channelSum(n, c, inner, x, ch, 0f, false) / count;
        float mf = (float) m;
        // deviations are taken from the float mean: E[(x - mf)^2] = var + (m - mf)^2
        double shift = m - mf;
        mean[ch] = m;
        var[ch] = Math.max(0.0, channelSum(n, c, inner, x, ch, mf, true) / count - shift * shift);
    }

    /*
     * The sum over channel ch of (x - center)^2 if squared, else of x - center (center 0: the plain sum, since
     * x - 0 is x and fma(d, 1, a) rounds d + a once, as an add does). Per plane in four interleaved float lane
     * accumulators, the last partial vector masked (its missing lanes stay 0 through the masked subtract), then
     * widened to double and added lane by lane across the samples, the lanes in order at the end.
     */
    private static double channelSum(int n, int c, int inner, float[] x, int ch, float center, boolean squared) {
        VectorMask<Float> tail = tailMask(inner);
        int full = inner - inner % L;
        FloatVector one = FloatVector.broadcast(S, 1f);
        LaneSums sums = LaneSums.zeroed(0);
        for (int sample = 0; sample < n; sample++) {
            int off = (sample * c + ch) * inner;
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            int i = 0;
            for (int end = full - 4 * L + 1; i < end; i += 4 * L) {
                FloatVector d0 = FloatVector.fromArray(S, x, off + i).sub(center);
                FloatVector d1 = FloatVector.fromArray(S, x, off + i + L).sub(center);
                FloatVector d2 = FloatVector.fromArray(S, x, off + i + 2 * L).sub(center);
                FloatVector d3 = FloatVector.fromArray(S, x, off + i + 3 * L).sub(center);
                a0 = d0.fma(squared ? d0 : one, a0);
                a1 = d1.fma(squared ? d1 : one, a1);
                a2 = d2.fma(squared ? d2 : one, a2);
                a3 = d3.fma(squared ? d3 : one, a3);
            }
            for (; i < full; i += L) {
                FloatVector d = FloatVector.fromArray(S, x, off + i).sub(center);
                a0 = d.fma(squared ? d : one, a0);
            }
            if (full < inner) {
                FloatVector d = FloatVector.fromArray(S, x, off + full, tail).sub(center, tail);
                a0 = d.fma(squared ? d : one, a0);
            }
            a0.add(a1).add(a2.add(a3)).intoArray(sums.plane, 0);
            sums.addPlane();
        }
        return sums.total();
    }

    /** The mask of the last, partial vector of a plane of `inner` floats (all lanes when it has none). */
    static VectorMask<Float> tailMask(int inner) {
        return S.indexInRange(inner - inner % L, inner);
    }

    /*
     * Training forward in one sweep per channel while its planes are still in cache: the statistics as
     * meanAndVariance, invStd = 1 / sqrt(var + eps), then y as normalize. Fills mean, var (biased), invStd.
     */
    static void normalizeWithBatchStatistics(int n, int c, int inner, float[] x, double eps, float[] weight,
                                             float[] bias, double[] mean, double[] var, double[] invStd, float[] y) {
        Parallel.forRange(c, grain(n, inner), (c0, c1) -> {
            for (int ch = c0; ch < c1; ch++) {
                channelStatistics(n, c, inner, x, ch, mean, var);
                invStd[ch] = 1.0 / Math.sqrt(var[ch] + eps);
                normalizeChannel(n, c, inner, x, ch, mean, invStd, weight, bias, y);
            }
        });
    }

    // y = (x - mean) * (invStd * weight) + bias, per channel (weight, bias may be null: 1 and 0)
    static void normalize(int n, int c, int inner, float[] x, double[] mean, double[] invStd, float[] weight,
                          float[] bias, float[] y) {
        Parallel.forRange(c, grain(n, inner), (c0, c1) -> {
            for (int ch = c0; ch < c1; ch++) {
                normalizeChannel(n, c, inner, x, ch, mean, invStd, weight, bias, y);
            }
        });
    }

    static void normalizeChannel(int n, int c, int inner, float[] x, int ch, double[] mean, double[] invStd,
                                         float[] weight, float[] bias, float[] y) {
        float m = (float) mean[ch];
        double scaleD = invStd[ch] * (weight == null ? 1.0 : weight[ch]);
        float scale = (float) scaleD;
        // x - mean = (x - m) + (m - mean): the float mean's rounding moves into the shift
        float beta = (float) ((bias == null ? 0.0 : bias[ch]) + (m - mean[ch]) * scaleD);
        VectorMask<Float> tail = tailMask(inner);
        for (int sample = 0; sample < n; sample++) {
            int off = (sample * c + ch) * inner;
            int i = 0;
            for (int end = inner - L + 1; i < end; i += L) {
                FloatVector.fromArray(S, x, off + i).sub(m).mul(scale).add(beta).intoArray(y, off + i);
            }
            if (i < inner) {
                FloatVector.fromArray(S, x, off + i, tail).sub(m).mul(scale).add(beta).intoArray(y, off + i, tail);
            }
        }
    }

    /*
     * Per channel: sg = sum(gy), sgx = sum(gy * (x - mean)) * invStd (the gradients of bias and weight), then,
     * if gx is non-null, gx = k * (gy - sg/m - xhat * sgx/m) with k = invStd * weight; the sg and sgx terms only
     * when the statistics came from the batch.
     */
    static void backward(int n, int c, int inner, float[] x, float[] wd, double[] mean, double[] invStd,
                         boolean batchStats, float[] gy, double[] sg, double[] sgx, float[] gx) {
        double count = (double) n * inner;
        Parallel.forRange(c, grain(n, inner), (c0, c1) -> {
            for (int ch = c0; ch < c1; ch++) {
                float m = (float) mean[ch];
                VectorMask<Float> tail = tailMask(inner);
                int full = inner - inner % L;
                LaneSums gSums = LaneSums.zeroed(0);
                LaneSums gxSums = LaneSums.zeroed(1);
                for (int sample = 0; sample < n; sample++) {
                    int off = (sample * c + ch) * inner;
                    FloatVector accG = FloatVector.zero(S);
                    FloatVector accGx = accG;
                    int i = 0;
                    for (; i < full; i += L) {
                        FloatVector g = FloatVector.fromArray(S, gy, off + i);
                        accG = accG.add(g);
                        accGx = FloatVector.fromArray(S, x, off + i).sub(m).fma(g, accGx);
                    }
                    if (full < inner) {
                        // gy's lanes past the plane load as 0 and add nothing
                        FloatVector g = FloatVector.fromArray(S, gy, off + full, tail);
                        accG = accG.add(g);
                        accGx = FloatVector.fromArray(S, x, off + full, tail).sub(m).fma(g, accGx);
                    }
                    accG.intoArray(gSums.plane, 0);
                    gSums.addPlane();
                    accGx.intoArray(gxSums.plane, 0);
                    gxSums.addPlane();
                }
                double a = gSums.total();
                double b = gxSums.total();
                sg[ch] = a;
                // x - mean = (x - m) + (m - mean), as in normalize
                sgx[ch] = (b + a * (m - mean[ch])) * invStd[ch];
                if (gx == null) {
                    continue;
                }
                double k = invStd[ch] * (wd == null ? 1.0 : wd[ch]);
                float kf = (float) k;
                double slopeD = batchStats ? k * invStd[ch] * sgx[ch] / count : 0.0;
                float slope = (float) slopeD;
                float constant = (float) ((batchStats ? -k * sg[ch] / count : 0.0) - (m - mean[ch]) * slopeD);
                for (int sample = 0; sample < n; sample++) {
                    int off = (sample * c + ch) * inner;
                    int i = 0;
                    for (; i < full; i += L) {
                        FloatVector d = FloatVector.fromArray(S, x, off + i).sub(m);
                        FloatVector.fromArray(S, gy, off + i).mul(kf).add(constant).sub(d.mul(slope))
                                .intoArray(gx, off + i);
                    }
                    if (full < inner) {
                        FloatVector d = FloatVector.fromArray(S, x, off + full, tail).sub(m);
                        FloatVector.fromArray(S, gy, off + full, tail).mul(kf).add(constant).sub(d.mul(slope))
                                .intoArray(gx, off + full, tail);
                    }
                }
            }
        });
    }

    static int grain(int n, int inner) {
        return Math.max(1, MIN_CHUNK_ELEMENTS / Math.max(1, n * inner));
    }
}
