package vigil.tensor.reference;

import static vigil.tensor.testing.GradCheckAssertions.assertPasses;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.DoubleGradCheck;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.Conv2dOp;

/**
 * Conv2dOp.conv2d against the double-precision direct convolution: forward values and every element
 * of the gradients for x, weight and (where present) bias. Covers the unfolded path (plain, strided,
 * asymmetric padding, dilation, groups, pointwise) and the depthwise kernels (3x3 stride 1 and 2,
 * 5x5, channel multiplier).
 */
class ConvDoubleGradCheckTest {
    private final Rng rng = new Rng(17);

    private static ConvReference.Geometry geometry(int n, int c, int h, int w, int o, int kh, int kw, int sh, int sw,
                                                   int ph, int pw, int dh, int dw, int groups) {
        return new ConvReference.Geometry(n, c, h, w, o, kh, kw, sh, sw, ph, pw, dh, dw, groups);
    }

    private void assertConvPasses(ConvReference.Geometry g, boolean withBias) {
        Tensor x = GradCheck.randomInput(rng, -2f, 2f, g.xShape());
        Tensor w = GradCheck.randomInput(rng, -1f, 1f, g.weightShape());
        Tensor[] inputs = withBias
                ? new Tensor[] {x, w, GradCheck.randomInput(rng, -1f, 1f, g.o())}
                : new Tensor[] {x, w};
        DoubleGradCheck.Result r = DoubleGradCheck.check(
                t -> new Tensor[] {Conv2dOp.conv2d(t[0], t[1], withBias ? t[2] : null, g.stride(), g.padding(),
                        g.dilation(), g.groups())},
                ConvReference.conv2d(g, withBias), inputs);
        assertPasses(r);
    }

    @Test
    void plain3x3WithBias() {
        assertConvPasses(geometry(2, 3, 6, 6, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1), true);
    }

    @Test
    void plain3x3WithoutBias() {
        assertConvPasses(geometry(2, 3, 5, 6, 4, 3, 3, 1, 1, 0, 0, 1, 1, 1), false);
    }

    @Test
    void stride2() {
        assertConvPasses(geometry(2, 3, 7, 7, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1), true);
    }

    @Test
    void asymmetricPaddingWithRectangularKernelAndStride() {
        assertConvPasses(geometry(2, 2, 5, 6, 3, 3, 2, 1, 2, 2, 1, 1, 1, 1), true);
    }

    @Test
    void dilation() {
        assertConvPasses(geometry(2, 2, 7, 7, 3, 3, 3, 1, 1, 2, 1, 2, 1, 1), false);
    }

    @Test
    void groups2() {
        assertConvPasses(geometry(2, 4, 5, 5, 6, 3, 3, 1, 1, 1, 1, 1, 1, 2), true);
    }

    @Test
    void depthwise3x3Stride1() {
        assertConvPasses(geometry(2, 4, 6, 6, 4, 3, 3, 1, 1, 1, 1, 1, 1, 4), false);
    }

    @Test
    void depthwise3x3Stride2WithBias() {
        assertConvPasses(geometry(2, 4, 7, 7, 4, 3, 3, 2, 2, 1, 1, 1, 1, 4), true);
    }

    @Test
    void depthwise5x5() {
        assertConvPasses(geometry(2, 3, 7, 7, 3, 5, 5, 1, 1, 2, 2, 1, 1, 3), true);
    }

    @Test
    void depthwiseWithChannelMultiplier2() {
        assertConvPasses(geometry(2, 3, 5, 5, 6, 3, 3, 1, 1, 1, 1, 1, 1, 3), true);
    }

    @Test
    void pointwise1x1WithBias() {
        assertConvPasses(geometry(2, 4, 4, 5, 6, 1, 1, 1, 1, 0, 0, 1, 1, 1), true);
    }

    @Test
    void pointwise1x1WithoutBias() {
        assertConvPasses(geometry(2, 4, 4, 5, 6, 1, 1, 1, 1, 0, 0, 1, 1, 1), false);
    }
}
