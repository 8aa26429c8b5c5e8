package vigil.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static void assertPasses(GradCheck.Result r) {
        assertTrue(r.passed(), "gradient mismatch, worst " + r.worst() + " (max abs error " + r.maxAbsError() + ")");
    }

    private static int[] pair(int a, int b) {
        return new int[] {a, b};
    }

    /**
     * Distinct values 0.05 apart in a random order: a probe of +-h (1e-2) never changes which
     * element is a window's max, so the max-pool derivative is defined at every probe.
     */
    private Tensor distinctValues(int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        int[] order = new int[d.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        rng.shuffle(order);
        for (int i = 0; i < d.length; i++) {
            d[i] = (order[i] - d.length / 2) * 0.05f;
        }
        return t.requiresGrad(true);
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
