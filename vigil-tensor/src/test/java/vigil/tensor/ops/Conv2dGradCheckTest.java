package vigil.tensor.ops;

import static vigil.tensor.testing.GradCheckAssertions.assertPasses;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;

/** Finite-difference checks of conv2d's gradients (x, weight, bias) over its geometry variants. */
class Conv2dGradCheckTest {
    private final Rng rng = new Rng(11);

    /** x [n, c, h, w]; weight [o, c/groups, kh, kw]; checks d/dx, d/dweight and (if bias) d/dbias. */
    private void assertConvGradients(int[] xShape, int o, int kh, int kw, int[] stride, int[] padding,
                                     int[] dilation, int groups, boolean withBias) {
        Tensor x = GradCheck.randomInput(rng, -1f, 1f, xShape);
        Tensor w = GradCheck.randomInput(rng, -1f, 1f, o, xShape[1] / groups, kh, kw);
        Tensor[] inputs = withBias ? new Tensor[] {x, w, GradCheck.randomInput(rng, -1f, 1f, o)}
                : new Tensor[] {x, w};
        GradCheck.Result r = GradCheck.check(t -> new Tensor[] {
            Conv2dOp.conv2d(t[0], t[1], withBias ? t[2] : null, stride, padding, dilation, groups)}, inputs);
        assertPasses(r);
    }

    private static int[] p(int h, int w) {
        return new int[] {h, w};
    }

    @Test
    void plain3x3() {
        assertConvGradients(new int[] {2, 3, 5, 6}, 4, 3, 3, p(1, 1), p(0, 0), p(1, 1), 1, true);
    }

    @Test
    void stride2() {
        assertConvGradients(new int[] {2, 3, 7, 6}, 4, 3, 3, p(2, 2), p(1, 1), p(1, 1), 1, true);
    }

    @Test
    void asymmetricPadding() {
        assertConvGradients(new int[] {1, 2, 5, 4}, 3, 3, 2, p(1, 1), p(2, 1), p(1, 1), 1, true);
    }

    @Test
    void dilation2() {
        assertConvGradients(new int[] {2, 2, 7, 7}, 3, 3, 3, p(1, 1), p(2, 1), p(2, 2), 1, true);
    }

    @Test
    void twoGroups() {
        assertConvGradients(new int[] {2, 4, 5, 5}, 6, 3, 3, p(1, 1), p(1, 1), p(1, 1), 2, true);
    }

    @Test
    void depthwise3x3Stride2() {
        assertConvGradients(new int[] {2, 4, 7, 6}, 4, 3, 3, p(2, 2), p(1, 1), p(1, 1), 4, true);
    }

    @Test
    void depthwise5x5() {
        assertConvGradients(new int[] {1, 3, 7, 6}, 3, 5, 5, p(1, 1), p(2, 2), p(1, 1), 3, true);
    }

    @Test
    void depthwiseWithChannelMultiplierAndDilation() {
        assertConvGradients(new int[] {1, 2, 7, 7}, 4, 3, 3, p(1, 2), p(2, 2), p(2, 2), 2, true);
    }

    @Test
    void pointwise() {
        assertConvGradients(new int[] {2, 5, 4, 3}, 3, 1, 1, p(1, 1), p(0, 0), p(1, 1), 1, true);
    }

    @Test
    void withoutBias() {
        assertConvGradients(new int[] {2, 3, 6, 5}, 2, 3, 3, p(1, 2), p(1, 0), p(1, 1), 1, false);
    }
}
