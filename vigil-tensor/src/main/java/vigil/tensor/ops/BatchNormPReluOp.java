package vigil.tensor.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import vigil.tensor.BufferPool;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.parallel.Parallel;

/**
 * Training-mode batch norm followed by PReLU as one op: prelu(batch_norm(x), slopes), the tail of MiniFASNet's
 * Conv_block. x: [N, C, ...]; weight, bias, running stats, slopes: [C] (slopes may be [1]) -> y: x's shape.
 *
 * <p>The normalised values z are never stored: forward writes y straight from x, and backward recomputes z
 * from x with the same float operations, so the PReLU mask and d/dslope see exactly the forward's z. That saves
 * one activation-sized buffer per block and the separate PReLU passes. The operations and their order are those
 * of {@link BatchNormKernel} and {@link PReluKernel}, so every output and gradient is bit-identical to
 * {@code Activations.prelu(BatchNormOp.batchNorm(...), slopes)} on the vector path; anywhere else (evaluation
 * with running statistics, no affine parameters, {@code -Dvigil.vector=off}) it is that composition.
 */
public final class BatchNormPReluOp {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private BatchNormPReluOp() {
    }

    public static Tensor batchNormPrelu(Tensor x, Tensor weight, Tensor bias, Tensor runningMean, Tensor runningVar,
                                        boolean training, double momentum, double eps, Tensor slopes) {
        boolean batchStats = training || runningMean == null;
        if (!Gemm.VECTOR || !batchStats || weight == null || bias == null || x.rank() < 3) {
            return Activations.prelu(BatchNormOp.batchNorm(x, weight, bias, runningMean, runningVar, training,
                    momentum, eps), slopes);
        }
        BatchNormOp.Layout lay = BatchNormOp.layout(x, weight, bias, runningMean, runningVar);
        float[] w = slopes.data();
        if (w.length != 1 && w.length != lay.c()) {
            throw new ShapeException("batch_norm_prelu: " + w.length + " slopes for " + lay.c() + " channels");
        }
        if (lay.count() < 2) {
            throw new ShapeException("batch_norm_prelu: expected more than 1 value per channel when training");
        }
        int n = lay.n();
        int c = lay.c();
        int inner = lay.inner();
        float[] xd = x.data();
        float[] gamma = weight.data();
        float[] beta = bias.data();
        double[] mean = new double[c];
        double[] var = new double[c];
        double[] invStd = new double[c];
        float[] y = BufferPool.take(xd.length); // every element is written
        Parallel.forRange(c, BatchNormKernel.grain(n, inner), (c0, c1) -> {
            for (int ch = c0; ch < c1; ch++) {
                BatchNormKernel.channelStatistics(n, c, inner, xd, ch, mean, var);
                invStd[ch] = 1.0 / Math.sqrt(var[ch] + eps);
                normalizePreluChannel(n, c, inner, xd, ch, mean, invStd, gamma, beta, w[w.length == 1 ? 0 : ch], y);
            }
        });
        if (training && runningMean != null) {
            BatchNormOp.updateRunningStats(lay, runningMean, runningVar, mean, var, momentum);
        }
        return Autograd.record("batch_norm_prelu", Tensor.of(y, x.shape()), gy -> {
            float[] gx = BufferPool.take(xd.length);
            double[] sg = new double[c];
            double[] sgx = new double[c];
            double[] gSlope = new double[c];
            Parallel.forRange(c, BatchNormKernel.grain(n, inner), (c0, c1) -> {
                for (int ch = c0; ch < c1; ch++) {
                    backwardChannel(n, c, inner, xd, gamma, beta, mean, invStd, w, gy, ch, sg, sgx, gSlope, gx);
                }
            });
            Autograd.accumulateOwned(x, gx);
            Autograd.accumulateOwned(weight, BatchNormOp.toFloat(sgx));
            Autograd.accumulateOwned(bias, BatchNormOp.toFloat(sg));
            float[] gw = new float[w.length];
            for (int ch = 0; ch < c; ch++) {
                // a shared slope sums the channels in order, so the thread split never shows
                gw[w.length == 1 ? 0 : ch] += (float) gSlope[ch];
            }
            Autograd.accumulateOwned(slopes, gw);
        }, x, weight, bias, slopes);
    }

    /*
     * y = prelu(z) with z = (x - m) * scale + shift for one channel, in one pass: the operations of
     * BatchNormKernel.normalizeChannel followed by PReluKernel.forward, so the bits of the two passes.
     */
    private static void normalizePreluChannel(int n, int c, int inner, float[] x, int ch, double[] mean,
                                              double[] invStd, float[] gamma, float[] beta, float slope, float[] y) {
        float m = (float) mean[ch];
        double scaleD = invStd[ch] * gamma[ch];
        float scale = (float) scaleD;
        float shift = (float) (beta[ch] + (m - mean[ch]) * scaleD);
        VectorMask<Float> tail = BatchNormKernel.tailMask(inner);
        for (int sample = 0; sample < n; sample++) {
            int off = (sample * c + ch) * inner;
            int i = 0;
            for (int end = inner - L + 1; i < end; i += L) {
                FloatVector z = FloatVector.fromArray(S, x, off + i).sub(m).mul(scale).add(shift);
                z.mul(slope).blend(z, z.compare(VectorOperators.GT, 0f)).intoArray(y, off + i);
            }
            if (i < inner) {
                FloatVector z = FloatVector.fromArray(S, x, off + i, tail).sub(m).mul(scale).add(shift);
                z.mul(slope).blend(z, z.compare(VectorOperators.GT, 0f)).intoArray(y, off + i, tail);
            }
        }
    }

    /*
     * One channel's backward, in the composition's operations and order. Pass 1 per plane recomputes
     * z = (x - m) * scale + shift and ga = z > 0 ? gy : slope * gy and sums: d/dslope (gy * z where z <= 0, as
     * PReluKernel), sum(ga) and sum(ga * (x - m)) (as BatchNormKernel.backward). Pass 2 recomputes ga the
     * same way (cheaper than storing it and reading it back) and writes the batch-norm input gradient (as
     * BatchNormKernel.backward).
     */
    private static void backwardChannel(int n, int c, int inner, float[] x, float[] gamma, float[] beta,
                                        double[] mean, double[] invStd, float[] w, float[] gy, int ch, double[] sg,
                                        double[] sgx, double[] gSlope, float[] gx) {
        float m = (float) mean[ch];
        double scaleD = invStd[ch] * gamma[ch];
        float scale = (float) scaleD;
        float shift = (float) (beta[ch] + (m - mean[ch]) * scaleD);
        float slope = w[w.length == 1 ? 0 : ch];
        FloatVector zero = FloatVector.zero(S);
        VectorMask<Float> tail = BatchNormKernel.tailMask(inner);
        int full = inner - inner % L;
        LaneSums slopeSums = LaneSums.zeroed(0);
        LaneSums gSums = LaneSums.zeroed(1);
        LaneSums gxSums = LaneSums.zeroed(2);
        for (int sample = 0; sample < n; sample++) {
            int off = (sample * c + ch) * inner;
            FloatVector accSlope = zero;
            FloatVector accG = zero;
            FloatVector accGx = zero;
            for (int i = 0; i < full; i += L) {
                FloatVector d = FloatVector.fromArray(S, x, off + i).sub(m);
                FloatVector z = d.mul(scale).add(shift);
                VectorMask<Float> positive = z.compare(VectorOperators.GT, 0f);
                FloatVector g = FloatVector.fromArray(S, gy, off + i);
                FloatVector ga = g.mul(slope).blend(g, positive);
                accSlope = accSlope.add(g.mul(z).blend(zero, positive));
                accG = accG.add(ga);
                accGx = d.fma(ga, accGx);
            }
            if (full < inner) {
                // the same on the last, partial vector: gy's missing lanes load as 0 and add nothing to any sum
                FloatVector d = FloatVector.fromArray(S, x, off + full, tail).sub(m);
                FloatVector z = d.mul(scale).add(shift);
                VectorMask<Float> positive = z.compare(VectorOperators.GT, 0f);
                FloatVector g = FloatVector.fromArray(S, gy, off + full, tail);
                FloatVector ga = g.mul(slope).blend(g, positive);
                accSlope = accSlope.add(g.mul(z).blend(zero, positive));
                accG = accG.add(ga);
                accGx = d.fma(ga, accGx);
            }
            accSlope.intoArray(slopeSums.plane, 0);
            slopeSums.addPlane();
            accG.intoArray(gSums.plane, 0);
            gSums.addPlane();
            accGx.intoArray(gxSums.plane, 0);
            gxSums.addPlane();
        }
        double slopeSum = slopeSums.total();
        double a = gSums.total();
        double b = gxSums.total();
        gSlope[ch] = slopeSum;
        sg[ch] = a;
        sgx[ch] = (b + a * (m - mean[ch])) * invStd[ch];
        double count = (double) n * inner;
        double k = invStd[ch] * gamma[ch];
        float kf = (float) k;
        double slopeD = k * invStd[ch] * sgx[ch] / count;
        float bnSlope = (float) slopeD;
        float constant = (float) (-k * sg[ch] / count - (m - mean[ch]) * slopeD);
        for (int sample = 0; sample < n; sample++) {
            int off = (sample * c + ch) * inner;
            int i = 0;
            for (; i < full; i += L) {
                FloatVector d = FloatVector.fromArray(S, x, off + i).sub(m);
                FloatVector z = d.mul(scale).add(shift);
                FloatVector g = FloatVector.fromArray(S, gy, off + i);
                FloatVector ga = g.mul(slope).blend(g, z.compare(VectorOperators.GT, 0f));
                ga.mul(kf).add(constant).sub(d.mul(bnSlope)).intoArray(gx, off + i);
            }
            if (full < inner) {
                FloatVector d = FloatVector.fromArray(S, x, off + full, tail).sub(m);
                FloatVector z = d.mul(scale).add(shift);
                FloatVector g = FloatVector.fromArray(S, gy, off + full, tail);
                FloatVector ga = g.mul(slope).blend(g, z.compare(VectorOperators.GT, 0f));
                ga.mul(kf).add(constant).sub(d.mul(bnSlope)).intoArray(gx, off + full, tail);
            }
        }
    }
}
