package vigil.tensor.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vigil.tensor.testing.GradCheckAssertions.assertPasses;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.DoubleGradCheck;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.BatchNormOp;

/**
 * BatchNormOp.batchNorm against the double-precision reference: forward values and every gradient
 * element for [N, C], [N, C, L] and [N, C, H, W], in training and evaluation, with and without the
 * affine weight and bias. The running statistics are a side effect, not a differentiable output, so
 * their update is checked by plain assertions.
 */
class NormDoubleGradCheckTest {
    private static final double EPS = 1e-5;
    private static final double MOMENTUM = 0.1;
    // running stats are stored in float32: values of order 1 round by about 1e-7
    private static final double RUNNING_STAT_TOLERANCE = 1e-6;

    private final Rng rng = new Rng(23);

    private static int inner(int[] shape) {
        int inner = 1;
        for (int d = 2; d < shape.length; d++) {
            inner *= shape[d];
        }
        return inner;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private Tensor runningMean(int c) {
        return GradCheck.randomInput(rng, -0.5f, 0.5f, c).requiresGrad(false);
    }

    private Tensor runningVar(int c) {
        return GradCheck.randomInput(rng, 0.5f, 2f, c).requiresGrad(false);
    }

    private void assertBatchNormPasses(boolean training, boolean affine, int... shape) {
        int c = shape[1];
        Tensor x = GradCheck.randomInput(rng, -2f, 2f, shape);
        Tensor rm = runningMean(c);
        Tensor rv = runningVar(c);
        // the reference reads the running stats as they are before the engine's training step moves them
        double[] rmBefore = toDouble(rm.data());
        double[] rvBefore = toDouble(rv.data());
        Tensor[] inputs = affine
                ? new Tensor[] {x, GradCheck.randomInput(rng, 0.5f, 1.5f, c), GradCheck.randomInput(rng, -1f, 1f, c)}
                : new Tensor[] {x};
        DoubleGradCheck.Result r = DoubleGradCheck.check(
                t -> new Tensor[] {BatchNormOp.batchNorm(t[0], affine ? t[1] : null, affine ? t[2] : null, rm, rv,
                        training, MOMENTUM, EPS)},
                NormReference.batchNorm(shape[0], c, inner(shape), training, rmBefore, rvBefore, EPS), inputs);
        assertPasses(r);
    }

    private void assertRunningStatsUpdate(int... shape) {
        int c = shape[1];
        Tensor x = GradCheck.randomInput(rng, -2f, 2f, shape);
        Tensor rm = runningMean(c);
        Tensor rv = runningVar(c);
        double[][] expected = NormReference.updatedRunningStats(toDouble(x.data()), shape[0], c, inner(shape),
                toDouble(rm.data()), toDouble(rv.data()), MOMENTUM);
        BatchNormOp.batchNorm(x, null, null, rm, rv, true, MOMENTUM, EPS);
        for (int ch = 0; ch < c; ch++) {
            assertEquals(expected[0][ch], rm.data()[ch], RUNNING_STAT_TOLERANCE, "running_mean[" + ch + "]");
            assertEquals(expected[1][ch], rv.data()[ch], RUNNING_STAT_TOLERANCE, "running_var[" + ch + "]");
        }
    }

    @Test
    void trainingAffineNC() {
        assertBatchNormPasses(true, true, 6, 3);
    }

    @Test
    void trainingPlainNC() {
        assertBatchNormPasses(true, false, 6, 3);
    }

    @Test
    void trainingAffineNCL() {
        assertBatchNormPasses(true, true, 3, 3, 5);
    }

    @Test
    void trainingPlainNCL() {
        assertBatchNormPasses(true, false, 3, 3, 5);
    }

    @Test
    void trainingAffineNCHW() {
        assertBatchNormPasses(true, true, 2, 3, 3, 4);
    }

    @Test
    void trainingPlainNCHW() {
        assertBatchNormPasses(true, false, 2, 3, 3, 4);
    }

    @Test
    void evalAffineNC() {
        assertBatchNormPasses(false, true, 6, 3);
    }

    @Test
    void evalPlainNC() {
        assertBatchNormPasses(false, false, 6, 3);
    }

    @Test
    void evalAffineNCL() {
        assertBatchNormPasses(false, true, 3, 3, 5);
    }

    @Test
    void evalAffineNCHW() {
        assertBatchNormPasses(false, true, 2, 3, 3, 4);
    }

    @Test
    void evalPlainNCHW() {
        assertBatchNormPasses(false, false, 2, 3, 3, 4);
    }

    @Test
    void trainingStepMovesRunningStatsNC() {
        assertRunningStatsUpdate(6, 3);
    }

    @Test
    void trainingStepMovesRunningStatsNCL() {
        assertRunningStatsUpdate(3, 3, 5);
    }

    @Test
    void trainingStepMovesRunningStatsNCHW() {
        assertRunningStatsUpdate(2, 3, 3, 4);
    }

    @Test
    void evalLeavesRunningStatsUnchanged() {
        Tensor x = GradCheck.randomInput(rng, -2f, 2f, 2, 3, 3, 4);
        Tensor rm = runningMean(3);
        Tensor rv = runningVar(3);
        double[] rmBefore = toDouble(rm.data());
        double[] rvBefore = toDouble(rv.data());
        BatchNormOp.batchNorm(x, null, null, rm, rv, false, MOMENTUM, EPS);
        for (int ch = 0; ch < 3; ch++) {
            assertEquals(rmBefore[ch], rm.data()[ch], 0.0, "running_mean[" + ch + "]");
            assertEquals(rvBefore[ch], rv.data()[ch], 0.0, "running_var[" + ch + "]");
        }
    }
}
