package vigil.tensor.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import vigil.tensor.parallel.Parallel;

/**
 * Vector API passes of {@link BatchNormOp} (its double-precision loops are the scalar twins, used with
 * {@code -Dvigil.vector=off}). x, y, gy, gx: [n, c, inner] flattened; per-channel arrays: [c].
 *
 * <p>Sums run per (sample, channel) plane in float lanes (the statistics in four interleaved accumulators);
 * each plane's lanes are added in double in lane order and the planes in sample order, so a sum has the
 * error of a plane-long float sum (at most inner / 16 + 16 roundings), far below the twin's tolerance checks, and does not depend on the thread
 * count (channels are split across threads, each summed whole by one). The elementwise passes compute in
 * float with scale and shift rounded once from double: y = (x - m) * scale + beta', and
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
        double s = 0;
        for (int sample = 0; sample < n; sample++) {
            s += planeSum(x, (sample * c + ch) * inner, inner);
        }
        double m = s / count;
        float mf = (float) m;
        double q = 0;
        for (int sample = 0; sample < n; sample++) {
            q += planeSquaredDeviation(x, (sample * c + ch) * inner, inner, mf);
        }
        // deviations were taken from the float mean: E[(x - mf)^2] = var + (m - mf)^2
        double shift = m - mf;
        mean[ch] = m;
        var[ch] = Math.max(0.0, q / count - shift * shift);
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
        for (int sample = 0; sample < n; sample++) {
            int off = (sample * c + ch) * inner;
            int i = 0;
            for (int end = inner - L + 1; i < end; i += L) {
                FloatVector.fromArray(S, x, off + i).sub(m).mul(scale).add(beta).intoArray(y, off + i);
            }
            for (; i < inner; i++) {
                y[off + i] = (x[off + i] - m) * scale + beta;
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
                double a = 0;
                double b = 0;
                double[] sums = new double[2];
                for (int sample = 0; sample < n; sample++) {
                    gradientSums(gy, x, (sample * c + ch) * inner, inner, m, sums);
                    a += sums[0];
                    b += sums[1];
                }
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
                    for (int end = inner - L + 1; i < end; i += L) {
                        FloatVector d = FloatVector.fromArray(S, x, off + i).sub(m);
                        FloatVector.fromArray(S, gy, off + i).mul(kf).add(constant).sub(d.mul(slope))
                                .intoArray(gx, off + i);
                    }
                    for (; i < inner; i++) {
                        gx[off + i] = gy[off + i] * kf + constant - (x[off + i] - m) * slope;
                    }
                }
            }
        });
    }

    // sum of a[off..off+len): four float lane accumulators (whole vectors after the last 4L go to the first),
    // combined as (a0 + a1) + (a2 + a3), then the lanes and the tail added in double in order. Four, because
    // with one the add latency (4 cycles a vector) set the pace, not the loads.
    private static double planeSum(float[] a, int off, int len) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        int i = 0;
        for (int end = len - 4 * L + 1; i < end; i += 4 * L) {
            a0 = a0.add(FloatVector.fromArray(S, a, off + i));
            a1 = a1.add(FloatVector.fromArray(S, a, off + i + L));
            a2 = a2.add(FloatVector.fromArray(S, a, off + i + 2 * L));
            a3 = a3.add(FloatVector.fromArray(S, a, off + i + 3 * L));
        }
        for (int end = len - L + 1; i < end; i += L) {
            a0 = a0.add(FloatVector.fromArray(S, a, off + i));
        }
        FloatVector acc = a0.add(a1).add(a2.add(a3));
        double sum = 0;
        for (int lane = 0; lane < L; lane++) {
            sum += acc.lane(lane);
        }
        for (; i < len; i++) {
            sum += a[off + i];
        }
        return sum;
    }

    // sums[0] = sum of gy, sums[1] = sum of gy * (x - m) over one plane, in one read of both (as planeSum)
    private static void gradientSums(float[] gy, float[] x, int off, int len, float m, double[] sums) {
        FloatVector accG = FloatVector.zero(S);
        FloatVector accGx = FloatVector.zero(S);
        int i = 0;
        for (int end = len - L + 1; i < end; i += L) {
            FloatVector g = FloatVector.fromArray(S, gy, off + i);
            accG = accG.add(g);
            accGx = FloatVector.fromArray(S, x, off + i).sub(m).fma(g, accGx);
        }
        double sg = 0;
        double sgx = 0;
        for (int lane = 0; lane < L; lane++) {
            sg += accG.lane(lane);
            sgx += accGx.lane(lane);
        }
        for (; i < len; i++) {
            sg += gy[off + i];
            sgx += gy[off + i] * (x[off + i] - m);
        }
        sums[0] = sg;
        sums[1] = sgx;
    }

    // sum of (a - center)^2 over a[off..off+len), with planeSum's accumulators and order
    private static double planeSquaredDeviation(float[] a, int off, int len, float center) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        int i = 0;
        for (int end = len - 4 * L + 1; i < end; i += 4 * L) {
            FloatVector d0 = FloatVector.fromArray(S, a, off + i).sub(center);
            FloatVector d1 = FloatVector.fromArray(S, a, off + i + L).sub(center);
            FloatVector d2 = FloatVector.fromArray(S, a, off + i + 2 * L).sub(center);
            FloatVector d3 = FloatVector.fromArray(S, a, off + i + 3 * L).sub(center);
            a0 = d0.fma(d0, a0);
            a1 = d1.fma(d1, a1);
            a2 = d2.fma(d2, a2);
            a3 = d3.fma(d3, a3);
        }
        for (int end = len - L + 1; i < end; i += L) {
            FloatVector d = FloatVector.fromArray(S, a, off + i).sub(center);
            a0 = d.fma(d, a0);
        }
        FloatVector acc = a0.add(a1).add(a2.add(a3));
        double sum = 0;
        for (int lane = 0; lane < L; lane++) {
            sum += acc.lane(lane);
        }
        for (; i < len; i++) {
            double d = a[off + i] - center;
            sum += d * d;
        }
        return sum;
    }

    static int grain(int n, int inner) {
        return Math.max(1, MIN_CHUNK_ELEMENTS / Math.max(1, n * inner));
    }
}
