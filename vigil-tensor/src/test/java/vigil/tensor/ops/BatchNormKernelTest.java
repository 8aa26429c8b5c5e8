package vigil.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vigil.tensor.init.Rng;
import vigil.tensor.parallel.Parallel;

/**
 * The Vector API batch-norm passes against the textbook formulas evaluated in double in this test. Every
 * float result is allowed F = (inner / 16 + 32) * 2^-24 times the magnitude of its terms: a plane's float
 * lane sum has at most inner / 16 + 1 roundings per term, and the elementwise passes a handful more (the
 * float mean, the subtraction, the multiply and the add). Inputs are offset from zero (mean about 3) so the
 * float-mean correction is exercised; planes of 37 elements leave vector tails.
 */
class BatchNormKernelTest {
    private static final double UNIT_ROUNDOFF = Math.scalb(1.0, -24);
    private static final int N = 5;
    private static final int C = 4;
    private static final int INNER = 37;
    private static final double FACTOR = (INNER / 16.0 + 32) * UNIT_ROUNDOFF;
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
    }

    private static float[] uniform(Rng rng, int n, float lo, float hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.uniform(lo, hi);
        }
        return v;
    }

    private static int at(int n, int c, int i) {
        return (n * C + c) * INNER + i;
    }

    @Test
    void statisticsMatchDoubleReference() {
        float[] x = uniform(new Rng(21), N * C * INNER, 1f, 5f);
        double[] mean = new double[C];
        double[] var = new double[C];
        BatchNormKernel.meanAndVariance(N, C, INNER, x, mean, var);
        for (int c = 0; c < C; c++) {
            double s = 0;
            double magnitude = 0;
            for (int n = 0; n < N; n++) {
                for (int i = 0; i < INNER; i++) {
                    s += x[at(n, c, i)];
                    magnitude += Math.abs(x[at(n, c, i)]);
                }
            }
            double m = s / (N * INNER);
            double q = 0;
            double qMagnitude = 0;
            for (int n = 0; n < N; n++) {
                for (int i = 0; i < INNER; i++) {
                    double d = x[at(n, c, i)] - m;
                    q += d * d;
                    qMagnitude += d * d + 2 * Math.abs(d) * Math.ulp((float) m);
                }
            }
            double v = q / (N * INNER);
            assertTrue(Math.abs(mean[c] - m) <= FACTOR * magnitude / (N * INNER), "mean " + c);
            assertTrue(Math.abs(var[c] - v) <= FACTOR * qMagnitude / (N * INNER), "variance " + c + ": " + var[c]
                    + " vs " + v);
        }
    }

    @Test
    void normalizeAndBackwardMatchDoubleReference() {
        Rng rng = new Rng(22);
        float[] x = uniform(rng, N * C * INNER, 1f, 5f);
        float[] gy = uniform(rng, x.length, -1f, 1f);
        float[] weight = uniform(rng, C, 0.5f, 1.5f);
        float[] bias = uniform(rng, C, -1f, 1f);
        double[] mean = new double[C];
        double[] var = new double[C];
        BatchNormKernel.meanAndVariance(N, C, INNER, x, mean, var);
        double[] invStd = new double[C];
        for (int c = 0; c < C; c++) {
            invStd[c] = 1.0 / Math.sqrt(var[c] + 1e-5);
        }
        float[] y = new float[x.length];
        BatchNormKernel.normalize(N, C, INNER, x, mean, invStd, weight, bias, y);
        double[] sg = new double[C];
        double[] sgx = new double[C];
        float[] gx = new float[x.length];
        BatchNormKernel.backward(N, C, INNER, x, weight, mean, invStd, true, gy, sg, sgx, gx);
        double count = N * INNER;
        for (int c = 0; c < C; c++) {
            double scale = invStd[c] * weight[c];
            double a = 0;
            double b = 0;
            double magnitudeA = 0;
            double magnitudeB = 0;
            for (int n = 0; n < N; n++) {
                for (int i = 0; i < INNER; i++) {
                    int k = at(n, c, i);
                    double xhat = (x[k] - mean[c]) * invStd[c];
                    double expected = xhat * weight[c] + bias[c];
                    double bound = FACTOR * (Math.abs(x[k] * scale) + Math.abs(mean[c] * scale) + Math.abs(bias[c]));
                    assertTrue(Math.abs(y[k] - expected) <= bound, "y at " + k + ": " + y[k] + " vs " + expected);
                    a += gy[k];
                    b += gy[k] * xhat;
                    magnitudeA += Math.abs(gy[k]);
                    magnitudeB += Math.abs(gy[k] * xhat) + Math.abs(gy[k]) * Math.ulp((float) mean[c]) * invStd[c];
                }
            }
            assertTrue(Math.abs(sg[c] - a) <= FACTOR * magnitudeA, "d/dbias " + c);
            assertTrue(Math.abs(sgx[c] - b) <= FACTOR * magnitudeB, "d/dweight " + c);
            for (int n = 0; n < N; n++) {
                for (int i = 0; i < INNER; i++) {
                    int k = at(n, c, i);
                    double xhat = (x[k] - mean[c]) * invStd[c];
                    double expected = scale * (gy[k] - a / count - xhat * b / count);
                    double bound = FACTOR * Math.abs(scale) * (Math.abs(gy[k]) + magnitudeA / count
                            + (Math.abs(x[k] * invStd[c]) + Math.abs(mean[c] * invStd[c])) * magnitudeB / count);
                    assertTrue(Math.abs(gx[k] - expected) <= bound, "d/dx at " + k + ": " + gx[k] + " vs "
                            + expected + ", bound " + bound);
                }
            }
        }
    }

    @Test
    void oneSweepForwardEqualsStatisticsThenNormalize() {
        Rng rng = new Rng(24);
        float[] x = uniform(rng, N * C * INNER, -3f, 4f);
        float[] weight = uniform(rng, C, 0.5f, 1.5f);
        float[] bias = uniform(rng, C, -1f, 1f);
        double[] mean = new double[C];
        double[] var = new double[C];
        BatchNormKernel.meanAndVariance(N, C, INNER, x, mean, var);
        double[] invStd = new double[C];
        for (int c = 0; c < C; c++) {
            invStd[c] = 1.0 / Math.sqrt(var[c] + 1e-5);
        }
        float[] y = new float[x.length];
        BatchNormKernel.normalize(N, C, INNER, x, mean, invStd, weight, bias, y);
        double[] sweepMean = new double[C];
        double[] sweepVar = new double[C];
        double[] sweepInvStd = new double[C];
        float[] sweepY = new float[x.length];
        BatchNormKernel.normalizeWithBatchStatistics(N, C, INNER, x, 1e-5, weight, bias, sweepMean, sweepVar,
                sweepInvStd, sweepY);
        assertArrayEquals(mean, sweepMean);
        assertArrayEquals(var, sweepVar);
        assertArrayEquals(invStd, sweepInvStd);
        assertArrayEquals(y, sweepY);
    }

    @Test
    void resultsDoNotDependOnThreadCount() {
        Rng rng = new Rng(23);
        int n = 6;
        int c = 24;
        int inner = 100;
        float[] x = uniform(rng, n * c * inner, -2f, 2f);
        float[] gy = uniform(rng, x.length, -1f, 1f);
        float[] weight = uniform(rng, c, 0.5f, 1.5f);
        float[][] one = run(1, n, c, inner, x, gy, weight);
        float[][] three = run(3, n, c, inner, x, gy, weight);
        for (int k = 0; k < one.length; k++) {
            assertArrayEquals(one[k], three[k], "output " + k + " on 1 vs 3 threads");
        }
    }

    private static float[][] run(int threads, int n, int c, int inner, float[] x, float[] gy, float[] weight) {
        Parallel.setThreads(threads);
        double[] mean = new double[c];
        double[] var = new double[c];
        BatchNormKernel.meanAndVariance(n, c, inner, x, mean, var);
        double[] invStd = new double[c];
        for (int ch = 0; ch < c; ch++) {
            invStd[ch] = 1.0 / Math.sqrt(var[ch] + 1e-5);
        }
        float[] y = new float[x.length];
        BatchNormKernel.normalize(n, c, inner, x, mean, invStd, weight, null, y);
        double[] sg = new double[c];
        double[] sgx = new double[c];
        float[] gx = new float[x.length];
        BatchNormKernel.backward(n, c, inner, x, weight, mean, invStd, true, gy, sg, sgx, gx);
        float[] stats = new float[4 * c];
        for (int ch = 0; ch < c; ch++) {
            stats[ch] = (float) mean[ch];
            stats[c + ch] = (float) var[ch];
            stats[2 * c + ch] = (float) sg[ch];
            stats[3 * c + ch] = (float) sgx[ch];
        }
        return new float[][] {y, gx, stats};
    }
}
