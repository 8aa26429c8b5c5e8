package vigil.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vigil.tensor.testing.TestInputs.pair;
import static vigil.tensor.testing.TestInputs.pattern;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;

/**
 * Forward pooling against PyTorch 1.13 on the edge cases the shared goldens do not cover. Expected
 * numbers were printed by /usr/bin/python3 with torch.nn.functional and pasted here; the input is
 * x[i] = (7 i mod 11) - 5, so every window sum is exact and the tolerance is float rounding only.
 */
class PoolingTest {
    private static final float TOL = 1e-6f;

    @Test
    void avgPoolCeilModeWithoutPadCountDividesByInputElements() {
        // F.avg_pool2d(x, 3, 2, 1, ceil_mode=True, count_include_pad=False), x [1, 1, 6, 6]
        Tensor y = Pooling.avgPool2d(pattern(1, 1, 6, 6), pair(3, 3), pair(2, 2), pair(1, 1), true, false);
        assertArrayEquals(new int[] {1, 1, 4, 4}, y.shape());
        assertArrayEquals(new float[] {0.25f, 0.6666666865348816f, 0.0f, -4.0f, 0.0f, 0.1111111119389534f,
            -0.5555555820465088f, 0.3333333432674408f, -0.3333333432674408f, -0.2222222238779068f,
            -0.8888888955116272f, 0.0f, -0.5f, -1.0f, -1.6666666269302368f, -2.0f}, y.data(), TOL);
    }

    @Test
    void avgPoolCeilModeWithPadCountClipsTheLastWindowToThePaddedInput() {
        // F.avg_pool2d(x, 3, 2, 1, ceil_mode=True, count_include_pad=True): the last window spans
        // one input row and one padding row, divisor 2 per axis, not the kernel's 3.
        Tensor y = Pooling.avgPool2d(pattern(1, 1, 6, 6), pair(3, 3), pair(2, 2), pair(1, 1), true, true);
        assertArrayEquals(new float[] {0.1111111119389534f, 0.4444444477558136f, 0.0f, -1.3333333730697632f, 0.0f,
            0.1111111119389534f, -0.5555555820465088f, 0.1666666716337204f, -0.2222222238779068f,
            -0.2222222238779068f, -0.8888888955116272f, 0.0f, -0.1666666716337204f, -0.5f, -0.8333333134651184f,
            -0.5f}, y.data(), TOL);
    }

    @Test
    void adaptiveAvgPoolToNonDivisibleSizesUsesOverlappingWindows() {
        // F.adaptive_avg_pool2d(x, (3, 2)), x [1, 2, 7, 5]: rows [0,3) [2,5) [4,7), cols [0,3) [2,5)
        Tensor y = Pooling.adaptiveAvgPool2d(pattern(1, 2, 7, 5), pair(3, 2));
        assertArrayEquals(new int[] {1, 2, 3, 2}, y.shape());
        assertArrayEquals(new float[] {-0.8888888955116272f, 0.8888888955116272f, -0.555555522441864f, 0.0f,
            -0.2222222238779068f, -0.8888888955116272f, 0.8888888955116272f, 0.2222222238779068f, 0.0f,
            0.555555522441864f, -0.8888888955116272f, 0.8888888955116272f}, y.data(), TOL);
    }

    @Test
    void maxPoolWithRectangularKernelPaddingAndCeilMode() {
        // F.max_pool2d(x, (2, 3), (1, 2), (1, 1), ceil_mode=True), x [1, 1, 5, 6]
        Tensor y = Pooling.maxPool2d(pattern(1, 1, 5, 6), pair(2, 3), pair(1, 2), pair(1, 1), true);
        assertArrayEquals(new int[] {1, 1, 6, 4}, y.shape());
        assertArrayEquals(new float[] {2.0f, 5.0f, 5.0f, -3.0f, 4.0f, 5.0f, 5.0f, -3.0f, 4.0f, 5.0f, 4.0f, 4.0f,
            2.0f, 5.0f, 4.0f, 4.0f, 5.0f, 5.0f, 4.0f, 2.0f, 5.0f, 5.0f, 4.0f, 0.0f}, y.data(), TOL);
    }

    @Test
    void maxPoolGradientGoesToTheFirstMaximumOnTies() {
        // PyTorch: F.max_pool2d(x, 2, 1).sum().backward() gives x.grad [0, 2, 0, 1, 0, 1, 0, 0, 0].
        Tensor x = Tensor.of(new float[] {1, 3, 0, 3, 2, 3, 0, 3, 3}, 1, 1, 3, 3).requiresGrad(true);
        Pooling.maxPool2d(x, pair(2, 2), pair(1, 1), pair(0, 0), false).sum().backward();
        assertArrayEquals(new float[] {0, 2, 0, 1, 0, 1, 0, 0, 0}, x.grad().data(), 0f);
    }

    @Test
    void maxPoolPropagatesNaNFromTheLastNaNInTheWindow() {
        // PyTorch returns nan with indices [3, 1] for this input, kernel (2, 2), stride 1.
        float nan = Float.NaN;
        Tensor x = Tensor.of(new float[] {1, nan, 0, nan, 2, 3}, 1, 1, 2, 3).requiresGrad(true);
        Tensor y = Pooling.maxPool2d(x, pair(2, 2), pair(1, 1), pair(0, 0), false);
        assertTrue(Float.isNaN(y.data()[0]) && Float.isNaN(y.data()[1]), y.toString());
        y.sum().backward();
        assertArrayEquals(new float[] {0, 1, 0, 1, 0, 0}, x.grad().data(), 0f);
    }

    @Test
    void ceilModeDropsAWindowThatWouldStartInTheRightPadding() {
        // PyTorch: length 5, kernel 2, stride 2, padding 1, ceil_mode -> 3 (ceil gives 4, whose
        // window would start at 6 - 1 = 5, past the input and left padding).
        assertArrayEquals(new int[] {3, 4}, new int[] {
            Pooling.outputLength(5, 2, 2, 1, true), Pooling.outputLength(6, 3, 2, 1, true)});
    }

    @Test
    void paddingLargerThanHalfTheKernelIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Pooling.maxPool2d(pattern(1, 1, 5, 5), pair(2, 2), pair(2, 2), pair(2, 2), false));
    }
}
