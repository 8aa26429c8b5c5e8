package vigil.tensor.ops;

import static vigil.tensor.testing.GradCheckAssertions.assertPasses;
import static vigil.tensor.testing.TestInputs.pair;
import static vigil.tensor.testing.TestInputs.shuffledLadder;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;

/**
 * Finite-difference checks (GradCheck defaults: h 1e-2, atol 1e-3, rtol 1e-2) of the pooling
 * gradients. Pooling is piecewise linear, so away from max-pool ties the difference is exact.
 */
class PoolingGradCheckTest {
    private final Rng rng = new Rng(11);

    /**
     * Distinct values 0.05 apart in a random order: a probe of +-h (1e-2) never changes which
     * element is a window's max, so the max-pool derivative is defined at every probe.
     */
    private Tensor distinctValues(int... shape) {
        return shuffledLadder(rng, Tensor.zeros(shape)).requiresGrad(true);
    }

    @Test
    void maxPoolWithPaddingAndOverlappingWindows() {
        Tensor x = distinctValues(2, 3, 7, 6);
        assertPasses(GradCheck.check(t -> new Tensor[] {
            Pooling.maxPool2d(t[0], pair(3, 3), pair(2, 2), pair(1, 1), false)}, x));
    }

    @Test
    void maxPoolInCeilModeWithRectangularKernel() {
        Tensor x = distinctValues(1, 2, 7, 9);
        assertPasses(GradCheck.check(t -> new Tensor[] {
            Pooling.maxPool2d(t[0], pair(2, 3), pair(2, 2), pair(1, 0), true)}, x));
    }

    @Test
    void avgPoolCountingPadding() {
        Tensor x = GradCheck.randomInput(rng, -1f, 1f, 2, 2, 7, 6);
        assertPasses(GradCheck.check(t -> new Tensor[] {
            Pooling.avgPool2d(t[0], pair(3, 3), pair(2, 2), pair(1, 1), false, true)}, x));
    }

    @Test
    void avgPoolInCeilModeWithoutCountingPadding() {
        Tensor x = GradCheck.randomInput(rng, -1f, 1f, 1, 2, 6, 7);
        assertPasses(GradCheck.check(t -> new Tensor[] {
            Pooling.avgPool2d(t[0], pair(3, 2), pair(2, 2), pair(1, 1), true, false)}, x));
    }

    @Test
    void adaptiveAvgPoolToNonDivisibleAndGlobalSizes() {
        Tensor x = GradCheck.randomInput(rng, -1f, 1f, 2, 2, 7, 5);
        assertPasses(GradCheck.check(t -> new Tensor[] {
            Pooling.adaptiveAvgPool2d(t[0], pair(3, 2)), Pooling.adaptiveAvgPool2d(t[0], pair(1, 1))}, x));
    }
}
