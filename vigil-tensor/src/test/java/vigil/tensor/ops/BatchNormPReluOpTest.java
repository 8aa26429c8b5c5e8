package vigil.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;

/**
 * The fused batch norm + PReLU against the composition it replaces,
 * Activations.prelu(BatchNormOp.batchNorm(...)): the same float operations in the same order, so the output,
 * every gradient and the running statistics must agree bit for bit (planes of 37 leave vector tails; inputs
 * around a non-zero mean exercise the float-mean correction; slopes of both signs flip the mask).
 */
class BatchNormPReluOpTest {

    private static Tensor[] inputs(int slopes) {
        Rng rng = new Rng(51);
        return new Tensor[] {
            GradCheck.randomInput(rng, -1f, 3f, 3, 5, 37, 1),
            GradCheck.randomInput(rng, 0.5f, 1.5f, 5),
            GradCheck.randomInput(rng, -0.5f, 0.5f, 5),
            GradCheck.randomInput(rng, -0.5f, 0.5f, slopes),
            GradCheck.randomInput(rng, -1f, 1f, 3, 5, 37, 1).requiresGrad(false),
            GradCheck.randomInput(rng, -0.2f, 0.2f, 5).requiresGrad(false),
            GradCheck.randomInput(rng, 0.8f, 1.2f, 5).requiresGrad(false)};
    }

    // {y, d/dx, d/dgamma, d/dbeta, d/dslopes, running mean, running var} of sum(op(x) * probe)
    private static float[][] run(boolean fused, int slopes) {
        Tensor[] t = inputs(slopes);
        Tensor y = fused
                ? BatchNormPReluOp.batchNormPrelu(t[0], t[1], t[2], t[5], t[6], true, 0.1, 1e-5, t[3])
                : Activations.prelu(BatchNormOp.batchNorm(t[0], t[1], t[2], t[5], t[6], true, 0.1, 1e-5), t[3]);
        y.mul(t[4]).sum().backward();
        return new float[][] {y.data().clone(), t[0].gradArray(), t[1].gradArray(), t[2].gradArray(),
            t[3].gradArray(), t[5].data(), t[6].data()};
    }

    private static void assertSameAsComposition(int slopes) {
        float[][] fused = run(true, slopes);
        float[][] composed = run(false, slopes);
        String[] names = {"y", "d/dx", "d/dgamma", "d/dbeta", "d/dslopes", "running mean", "running var"};
        for (int k = 0; k < names.length; k++) {
            assertArrayEquals(composed[k], fused[k], names[k] + " with " + slopes + " slopes");
        }
    }

    @Test
    void perChannelSlopesMatchTheCompositionBitForBit() {
        assertSameAsComposition(5);
    }

    @Test
    void sharedSlopeMatchesTheCompositionBitForBit() {
        assertSameAsComposition(1);
    }
}
