package vigil.tensor.reference;

import vigil.tensor.gradcheck.DoubleReference;

/**
 * Double-precision batch normalisation over channel dim 1, written from
 * torch.nn.functional.batch_norm's definition: training normalises with the batch mean and the
 * biased batch variance, evaluation with the running statistics; the running statistics move by
 * running = (1 - momentum) * running + momentum * batch, with the unbiased variance.
 * x is [N, C, inner...] flattened to n samples, c channels, inner elements per (sample, channel).
 */
final class NormReference {
    private NormReference() {
    }

    /**
     * Inputs {x} (affine false) or {x, weight [C], bias [C]} -> {y, x's shape}. In evaluation
     * runningMean and runningVar ([C]) are the constants used; in training they are ignored.
     */
    static DoubleReference batchNorm(int n, int c, int inner, boolean training, double[] runningMean,
                                     double[] runningVar, double eps) {
        return in -> {
            double[] x = in[0];
            boolean affine = in.length == 3;
            double[] mean = training ? batchMean(x, n, c, inner) : runningMean;
            double[] var = training ? batchVariance(x, n, c, inner, false) : runningVar;
            double[] y = new double[x.length];
            for (int s = 0; s < n; s++) {
                for (int ch = 0; ch < c; ch++) {
                    double std = Math.sqrt(var[ch] + eps);
                    for (int i = 0; i < inner; i++) {
                        int at = (s * c + ch) * inner + i;
                        double xhat = (x[at] - mean[ch]) / std;
                        y[at] = affine ? xhat * in[1][ch] + in[2][ch] : xhat;
                    }
                }
            }
            return new double[][] {y};
        };
    }

    /** {running mean, running var} after one training step on x. */
    static double[][] updatedRunningStats(double[] x, int n, int c, int inner, double[] runningMean,
                                          double[] runningVar, double momentum) {
        double[] mean = batchMean(x, n, c, inner);
        double[] unbiasedVar = batchVariance(x, n, c, inner, true);
        double[] newMean = new double[c];
        double[] newVar = new double[c];
        for (int ch = 0; ch < c; ch++) {
            newMean[ch] = (1 - momentum) * runningMean[ch] + momentum * mean[ch];
            newVar[ch] = (1 - momentum) * runningVar[ch] + momentum * unbiasedVar[ch];
        }
        return new double[][] {newMean, newVar};
    }

    static double[] batchMean(double[] x, int n, int c, int inner) {
        double[] mean = new double[c];
        for (int s = 0; s < n; s++) {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < inner; i++) {
                    mean[ch] += x[(s * c + ch) * inner + i];
                }
            }
        }
        for (int ch = 0; ch < c; ch++) {
            mean[ch] /= n * inner;
        }
        return mean;
    }

    // the mean of squared deviations, divided by count (biased) or count - 1 (unbiased)
    static double[] batchVariance(double[] x, int n, int c, int inner, boolean unbiased) {
        double[] mean = batchMean(x, n, c, inner);
        double[] var = new double[c];
        for (int s = 0; s < n; s++) {
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < inner; i++) {
                    double d = x[(s * c + ch) * inner + i] - mean[ch];
                    var[ch] += d * d;
                }
            }
        }
        int count = n * inner;
        for (int ch = 0; ch < c; ch++) {
            var[ch] /= unbiased ? count - 1 : count;
        }
        return var;
    }
}
