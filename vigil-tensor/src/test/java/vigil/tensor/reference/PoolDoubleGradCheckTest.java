package vigil.tensor.reference;

import static vigil.tensor.testing.GradCheckAssertions.assertPasses;
import static vigil.tensor.testing.TestInputs.shuffledLadder;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.DoubleGradCheck;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.Pooling;

/** Max, average and adaptive-average pooling against double-precision references. */
class PoolDoubleGradCheckTest {
    private final Rng rng = new Rng(21);

    /**
     * A shuffled ladder of values 0.05 apart: no two elements of a max window are within 1e-3 of
     * each other, so the finite differences never cross a tie.
     */
    private Tensor distinctInput(int... shape) {
        return shuffledLadder(rng, GradCheck.randomInput(rng, 0f, 1f, shape));
    }

    private Tensor randomInput(int... shape) {
        return GradCheck.randomInput(rng, -3f, 3f, shape);
    }

    @Test
    void maxPoolOverlappingWindowsWithPadding() {
        int[] k = {3, 3};
        int[] s = {2, 2};
        int[] p = {1, 1};
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Pooling.maxPool2d(t[0], k, s, p, false)},
                PoolReference.maxPool2d(2, 3, 7, 6, k, s, p, false), distinctInput(2, 3, 7, 6)));
    }

    @Test
    void maxPoolCeilModeWithRectangularWindows() {
        int[] k = {3, 2};
        int[] s = {2, 3};
        int[] p = {1, 1};
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Pooling.maxPool2d(t[0], k, s, p, true)},
                PoolReference.maxPool2d(1, 2, 8, 9, k, s, p, true), distinctInput(1, 2, 8, 9)));
    }

    @Test
    void maxPoolDefaultStrideIsTheKernel() {
        int[] k = {2, 2};
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Pooling.maxPool2d(t[0], k, null, new int[] {0, 0}, false)},
                PoolReference.maxPool2d(2, 2, 6, 5, k, k, new int[] {0, 0}, false), distinctInput(2, 2, 6, 5)));
    }

    @Test
    void avgPoolCountsPaddingInTheDivisor() {
        int[] k = {3, 3};
        int[] s = {2, 2};
        int[] p = {1, 1};
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Pooling.avgPool2d(t[0], k, s, p, false, true)},
                PoolReference.avgPool2d(2, 2, 7, 6, k, s, p, false, true), randomInput(2, 2, 7, 6)));
    }

    @Test
    void avgPoolWithoutPaddingInTheDivisor() {
        int[] k = {3, 3};
        int[] s = {2, 2};
        int[] p = {1, 1};
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Pooling.avgPool2d(t[0], k, s, p, false, false)},
                PoolReference.avgPool2d(2, 2, 7, 6, k, s, p, false, false), randomInput(2, 2, 7, 6)));
    }

    @Test
    void avgPoolCeilModeWindowPastThePaddingCountsOnlyThePaddedInput() {
        // 6 + 2 - 3 = 5 is not a multiple of 2: the last ceil-mode window hangs past the right padding.
        int[] k = {3, 3};
        int[] s = {2, 2};
        int[] p = {1, 1};
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Pooling.avgPool2d(t[0], k, s, p, true, true)},
                PoolReference.avgPool2d(1, 3, 6, 8, k, s, p, true, true), randomInput(1, 3, 6, 8)));
    }

    @Test
    void avgPoolCeilModeWithoutPaddingInTheDivisor() {
        int[] k = {2, 3};
        int[] s = {2, 2};
        int[] p = {1, 0};
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Pooling.avgPool2d(t[0], k, s, p, true, false)},
                PoolReference.avgPool2d(1, 3, 6, 8, k, s, p, true, false), randomInput(1, 3, 6, 8)));
    }

    @Test
    void adaptiveAvgPoolDownToNonDivisibleSizes() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Pooling.adaptiveAvgPool2d(t[0], new int[] {3, 2})},
                PoolReference.adaptiveAvgPool2d(2, 2, 7, 5, 3, 2), randomInput(2, 2, 7, 5)));
    }

    @Test
    void adaptiveAvgPoolUpToOverlappingWindows() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Pooling.adaptiveAvgPool2d(t[0], new int[] {5, 7})},
                PoolReference.adaptiveAvgPool2d(1, 2, 3, 4, 5, 7), randomInput(1, 2, 3, 4)));
    }
}
