package vigil.tensor.ops;

import vigil.tensor.BufferPool;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Storage;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;

/**
 * Batch normalisation over channel dim 1, as torch.nn.functional.batch_norm, with hand-written
 * backward. x: [N, C], [N, C, L] or [N, C, H, W]; weight, bias, running stats: [C] -> y: x's shape.
 *
 * <p>Training normalises with the batch's statistics (biased variance) and moves the running stats
 * towards them in place: running = (1 - momentum) * running + momentum * batch, with the unbiased
 * variance. Evaluation normalises with the running stats. Without running stats, batch statistics are
 * used in either mode. Statistics accumulate in double (the Vector API passes of {@link BatchNormKernel} sum
 * each plane in float lanes first; the double loops here are their scalar twins).
 */
public final class BatchNormOp {
    private BatchNormOp() {
    }

    /** The per-channel layout of x: n samples, c channels, inner elements per (sample, channel). */
    record Layout(int n, int c, int inner) {
        int count() {
            return n * inner;
        }

        int at(int sample, int channel) {
            return (sample * c + channel) * inner;
        }
    }

    public static Tensor batchNorm(Tensor x, Tensor weight, Tensor bias, Tensor runningMean, Tensor runningVar,
                                   boolean training, double momentum, double eps) {
        Layout lay = layout(x, weight, bias, runningMean, runningVar);
        boolean batchStats = training || runningMean == null;
        if (batchStats && lay.count() < 2) {
            throw new ShapeException("batch_norm: expected more than 1 value per channel when training, got input "
                    + Shape.str(x.shape()));
        }
        float[] xd = x.data();
        double[] mean = new double[lay.c()];
        double[] invStd = new double[lay.c()];
        float[] wd = weight == null ? null : weight.data();
        float[] bd = bias == null ? null : bias.data();
        float[] y = BufferPool.take(xd.length); // every element is written below
        if (batchStats && Gemm.VECTOR) {
            double[] var = new double[lay.c()];
            BatchNormKernel.normalizeWithBatchStatistics(lay.n(), lay.c(), lay.inner(), xd, eps, wd, bd, mean, var,
                    invStd, y);
            if (training && runningMean != null) {
                updateRunningStats(lay, runningMean, runningVar, mean, var, momentum);
            }
        } else if (batchStats) {
            double[] var = new double[lay.c()];
            batchMeanAndVarianceScalar(lay, xd, mean, var);
            for (int ch = 0; ch < lay.c(); ch++) {
                invStd[ch] = 1.0 / Math.sqrt(var[ch] + eps);
            }
            if (training && runningMean != null) {
                updateRunningStats(lay, runningMean, runningVar, mean, var, momentum);
            }
        } else {
            float[] rm = runningMean.data();
            float[] rv = runningVar.data();
            for (int ch = 0; ch < lay.c(); ch++) {
                mean[ch] = rm[ch];
                invStd[ch] = 1.0 / Math.sqrt(rv[ch] + eps);
            }
        }
        if (!(batchStats && Gemm.VECTOR)) {
            if (Gemm.VECTOR) {
                BatchNormKernel.normalize(lay.n(), lay.c(), lay.inner(), xd, mean, invStd, wd, bd, y);
            } else {
                normalizeScalar(lay, xd, mean, invStd, wd, bd, y);
            }
        }
        // weight and bias may be null (affine=false); the tape skips null inputs
        return Autograd.record("batch_norm", Tensor.of(y, x.shape()),
                gy -> backward(lay, xd, wd, mean, invStd, batchStats, gy, x, weight, bias), x, weight, bias);
    }

    // the scalar twin of BatchNormKernel.normalize, in double
    private static void normalizeScalar(Layout lay, float[] xd, double[] mean, double[] invStd, float[] wd,
                                        float[] bd, float[] y) {
        for (int s = 0; s < lay.n(); s++) {
            for (int ch = 0; ch < lay.c(); ch++) {
                double scale = invStd[ch] * (wd == null ? 1.0 : wd[ch]);
                double shift = (bd == null ? 0.0 : bd[ch]) - mean[ch] * scale;
                int off = lay.at(s, ch);
                for (int i = 0; i < lay.inner(); i++) {
                    y[off + i] = (float) (xd[off + i] * scale + shift);
                }
            }
        }
    }

    /*
     * With xhat = (x - mean) * invStd and, per channel, sg = sum(gy), sgx = sum(gy * xhat), m = count:
     * d/dbias = sg, d/dweight = sgx, and d/dx = weight * invStd * (gy - sg/m - xhat * sgx/m) when the
     * statistics come from the batch (the mean and variance depend on x), weight * invStd * gy otherwise.
     */
    private static void backward(Layout lay, float[] xd, float[] wd, double[] mean, double[] invStd,
                                 boolean batchStats, float[] gy, Tensor x, Tensor weight, Tensor bias) {
        double[] sg = new double[lay.c()];
        double[] sgx = new double[lay.c()];
        if (Gemm.VECTOR) {
            float[] gx = x.requiresGrad() ? BufferPool.take(xd.length) : null;
            BatchNormKernel.backward(lay.n(), lay.c(), lay.inner(), xd, wd, mean, invStd, batchStats, gy, sg, sgx, gx);
            Autograd.accumulateOwned(x, gx);
            Autograd.accumulateOwned(weight, toFloat(sgx));
            Autograd.accumulateOwned(bias, toFloat(sg));
            return;
        }
        for (int s = 0; s < lay.n(); s++) {
            for (int ch = 0; ch < lay.c(); ch++) {
                int off = lay.at(s, ch);
                double a = 0;
                double b = 0;
                for (int i = 0; i < lay.inner(); i++) {
                    double g = gy[off + i];
                    a += g;
                    b += g * (xd[off + i] - mean[ch]);
                }
                sg[ch] += a;
                sgx[ch] += b * invStd[ch];
            }
        }
        if (x.requiresGrad()) {
            float[] gx = new float[xd.length];
            double m = lay.count();
            for (int s = 0; s < lay.n(); s++) {
                for (int ch = 0; ch < lay.c(); ch++) {
                    double k = invStd[ch] * (wd == null ? 1.0 : wd[ch]);
                    double meanG = batchStats ? sg[ch] / m : 0;
                    double meanGX = batchStats ? sgx[ch] / m : 0;
                    int off = lay.at(s, ch);
                    for (int i = 0; i < lay.inner(); i++) {
                        double xhat = (xd[off + i] - mean[ch]) * invStd[ch];
                        gx[off + i] = (float) (k * (gy[off + i] - meanG - xhat * meanGX));
                    }
                }
            }
            x.accumulateGradOwned(gx);
        }
        Autograd.accumulateOwned(weight, toFloat(sgx));
        Autograd.accumulateOwned(bias, toFloat(sg));
    }

    // the scalar twin of BatchNormKernel.meanAndVariance: fills mean and the biased variance per channel
    private static void batchMeanAndVarianceScalar(Layout lay, float[] xd, double[] mean, double[] var) {
        for (int s = 0; s < lay.n(); s++) {
            for (int ch = 0; ch < lay.c(); ch++) {
                int off = lay.at(s, ch);
                for (int i = 0; i < lay.inner(); i++) {
                    mean[ch] += xd[off + i];
                }
            }
        }
        for (int ch = 0; ch < lay.c(); ch++) {
            mean[ch] /= lay.count();
        }
        for (int s = 0; s < lay.n(); s++) {
            for (int ch = 0; ch < lay.c(); ch++) {
                int off = lay.at(s, ch);
                for (int i = 0; i < lay.inner(); i++) {
                    double d = xd[off + i] - mean[ch];
                    var[ch] += d * d;
                }
            }
        }
        for (int ch = 0; ch < lay.c(); ch++) {
            var[ch] /= lay.count();
        }
    }

    static void updateRunningStats(Layout lay, Tensor runningMean, Tensor runningVar, double[] mean, double[] var,
                                   double momentum) {
        float[] rm = runningMean.data();
        float[] rv = runningVar.data();
        float[] newMean = new float[lay.c()];
        float[] newVar = new float[lay.c()];
        double unbias = (double) lay.count() / (lay.count() - 1);
        for (int ch = 0; ch < lay.c(); ch++) {
            newMean[ch] = (float) ((1 - momentum) * rm[ch] + momentum * mean[ch]);
            newVar[ch] = (float) ((1 - momentum) * rv[ch] + momentum * var[ch] * unbias);
        }
        writeInPlace(runningMean, newMean);
        writeInPlace(runningVar, newVar);
    }

    // running stats are buffers: their storage must change, whatever view the caller holds
    private static void writeInPlace(Tensor t, float[] values) {
        if (!t.isContiguous() || !(t.storage() instanceof Storage.Floats(float[] array))) {
            throw new ShapeException("batch_norm: running statistics must be contiguous float32, got " + t);
        }
        System.arraycopy(values, 0, array, t.offset(), values.length);
    }

    static Layout layout(Tensor x, Tensor weight, Tensor bias, Tensor runningMean, Tensor runningVar) {
        int[] s = x.shape();
        if (s.length < 2 || s.length > 4) {
            throw new ShapeException("batch_norm: expected input [N, C], [N, C, L] or [N, C, H, W], got " + Shape.str(s));
        }
        if ((runningMean == null) != (runningVar == null)) {
            throw new IllegalArgumentException("batch_norm: running_mean and running_var must both be given or both null");
        }
        int c = s[1];
        String[] names = {"weight", "bias", "running_mean", "running_var"};
        Tensor[] perChannel = {weight, bias, runningMean, runningVar};
        for (int i = 0; i < names.length; i++) {
            if (perChannel[i] != null && (perChannel[i].rank() != 1 || perChannel[i].dim(0) != c)) {
                throw new ShapeException("batch_norm: " + names[i] + " " + Shape.str(perChannel[i].shape())
                        + " for input " + Shape.str(s) + " with " + c + " channels");
            }
        }
        int inner = 1;
        for (int d = 2; d < s.length; d++) {
            inner *= s[d];
        }
        return new Layout(s[0], c, inner);
    }

    static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
