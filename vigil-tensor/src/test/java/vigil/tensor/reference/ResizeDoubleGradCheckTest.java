package vigil.tensor.reference;

import static vigil.tensor.testing.GradCheckAssertions.assertPasses;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.DoubleGradCheck;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.Bilinear;

/** Bilinear resize, to a size and by a factor, against a double-precision reference. */
class ResizeDoubleGradCheckTest {
    private final Rng rng = new Rng(33);

    private Tensor input(int... shape) {
        return GradCheck.randomInput(rng, -3f, 3f, shape);
    }

    @Test
    void upsampleToSize() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Bilinear.interpolateBilinear(t[0], 7, 9, false)},
                ResizeReference.toSize(1, 2, 4, 5, 7, 9, false), input(1, 2, 4, 5)));
    }

    @Test
    void downsampleToSize() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Bilinear.interpolateBilinear(t[0], 3, 4, false)},
                ResizeReference.toSize(2, 1, 7, 9, 3, 4, false), input(2, 1, 7, 9)));
    }

    @Test
    void upsampleToSizeAlignCorners() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Bilinear.interpolateBilinear(t[0], 7, 8, true)},
                ResizeReference.toSize(2, 1, 4, 5, 7, 8, true), input(2, 1, 4, 5)));
    }

    @Test
    void downsampleToSizeAlignCorners() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Bilinear.interpolateBilinear(t[0], 3, 5, true)},
                ResizeReference.toSize(1, 2, 8, 7, 3, 5, true), input(1, 2, 8, 7)));
    }

    @Test
    void alignCornersToOneRowSamplesTheFirstRow() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Bilinear.interpolateBilinear(t[0], 1, 6, true)},
                ResizeReference.toSize(1, 2, 4, 4, 1, 6, true), input(1, 2, 4, 4)));
    }

    @Test
    void byFactorSamplesFromTheFactorNotTheSizes() {
        // 4 * 1.7 = 6.8 -> 6 rows sampled at steps of 1 / 1.7, not 4 / 6.
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Bilinear.interpolateBilinearByFactor(t[0], 1.7, 0.6, false)},
                ResizeReference.byFactor(1, 2, 4, 5, 1.7, 0.6, false), input(1, 2, 4, 5)));
    }

    @Test
    void byFactorAlignCorners() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Bilinear.interpolateBilinearByFactor(t[0], 1.5, 0.75, true)},
                ResizeReference.byFactor(1, 2, 4, 8, 1.5, 0.75, true), input(1, 2, 4, 8)));
    }

    @Test
    void byFactorKeepingAnAxisLengthCopiesThatAxis() {
        // 5 * 1.1 = 5.5 -> 5 rows: copied, although the factor alone would shift them.
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Bilinear.interpolateBilinearByFactor(t[0], 1.1, 1.6, false)},
                ResizeReference.byFactor(1, 2, 5, 4, 1.1, 1.6, false), input(1, 2, 5, 4)));
    }
}
