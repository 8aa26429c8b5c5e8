package vigil.tensor.ops;

import static vigil.tensor.testing.GradCheckAssertions.assertPasses;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;

/**
 * Finite-difference checks of batch_norm's gradients: in training the statistics depend on x, so
 * d/dx runs through the batch mean and variance; in evaluation they are constants.
 */
class BatchNormGradCheckTest {
    private final Rng rng = new Rng(3);

    /** Checks d/dx, d/dweight and d/dbias for input shape xShape (channels at dim 1). */
    private void assertBatchNormGradients(boolean training, boolean affine, int... xShape) {
        int c = xShape[1];
        Tensor x = GradCheck.randomInput(rng, -2f, 2f, xShape);
        Tensor runningMean = GradCheck.randomInput(rng, -0.5f, 0.5f, c).requiresGrad(false);
        Tensor runningVar = GradCheck.randomInput(rng, 0.5f, 1.5f, c).requiresGrad(false);
        Tensor[] inputs = affine
                ? new Tensor[] {x, GradCheck.randomInput(rng, 0.5f, 1.5f, c), GradCheck.randomInput(rng, -1f, 1f, c)}
                : new Tensor[] {x};
        assertPasses(GradCheck.check(t -> new Tensor[] {BatchNormOp.batchNorm(t[0], affine ? t[1] : null,
                affine ? t[2] : null, runningMean, runningVar, training, 0.1, 1e-5)}, inputs));
    }

    @Test
    void training2d() {
        assertBatchNormGradients(true, true, 3, 4, 3, 2);
    }

    @Test
    void evaluation2d() {
        assertBatchNormGradients(false, true, 3, 4, 3, 2);
    }

    @Test
    void training1dFeatures() {
        assertBatchNormGradients(true, true, 6, 5);
    }

    @Test
    void training1dSequence() {
        assertBatchNormGradients(true, true, 3, 4, 5);
    }

    @Test
    void evaluation1d() {
        assertBatchNormGradients(false, true, 6, 5);
    }

    @Test
    void trainingWithoutAffine() {
        assertBatchNormGradients(true, false, 4, 3, 2, 2);
    }
}
