package vigil.tensor.reference;

import static vigil.tensor.testing.GradCheckAssertions.assertPasses;
import static vigil.tensor.testing.GradCheckAssertions.withShape;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.DoubleGradCheck;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.Views;

/**
 * Views and joins against double-precision references: values in row-major order, every gradient
 * element, and the output shape (which the references, working on flat arrays, do not carry).
 */
class ViewDoubleGradCheckTest {
    private final Rng rng = new Rng(59);

    private Tensor input(int... shape) {
        return GradCheck.randomInput(rng, -2f, 2f, shape);
    }

    @Test
    void reshapeKeepsRowMajorOrderAndInfersMinusOne() {
        assertPasses(DoubleGradCheck.check(t -> withShape(Views.reshape(t[0], 4, -1), 4, 6),
                ViewReference.identity(), input(2, 3, 4)));
    }

    @Test
    void reshapeOfAPermutedViewFollowsItsLogicalOrder() {
        int[] s = {2, 3, 4};
        assertPasses(DoubleGradCheck.check(t -> withShape(Views.reshape(Views.permute(t[0], 2, 0, 1), 4, 6), 4, 6),
                ViewReference.then(ViewReference.permute(s, 2, 0, 1), ViewReference.identity()), input(s)));
    }

    @Test
    void permute() {
        int[] s = {2, 3, 4};
        assertPasses(DoubleGradCheck.check(t -> withShape(Views.permute(t[0], 2, 0, 1), 4, 2, 3),
                ViewReference.permute(s, 2, 0, 1), input(s)));
    }

    @Test
    void transposeWithADimCountedFromTheEnd() {
        int[] s = {2, 3, 4};
        assertPasses(DoubleGradCheck.check(t -> withShape(Views.transpose(t[0], 0, -1), 4, 3, 2),
                ViewReference.transpose(s, 0, 2), input(s)));
    }

    @Test
    void sliceWithStep() {
        int[] s = {2, 8, 3};
        assertPasses(DoubleGradCheck.check(t -> withShape(Views.slice(t[0], 1, 1, 7, 2), 2, 3, 3),
                ViewReference.slice(s, 1, 1, 7, 2), input(s)));
    }

    @Test
    void sliceWithNegativeBoundsAndStep() {
        // [-5:-1:3] of 7 elements: indices 2 and 5.
        int[] s = {3, 7};
        assertPasses(DoubleGradCheck.check(t -> withShape(Views.slice(t[0], -1, -5, -1, 3), 3, 2),
                ViewReference.slice(s, 1, -5, -1, 3), input(s)));
    }

    @Test
    void sliceWithStepOfAPermutedView() {
        int[] s = {3, 5, 2};
        assertPasses(DoubleGradCheck.check(t -> withShape(Views.slice(Views.permute(t[0], 1, 0, 2), 0, 1, 5, 3), 2, 3, 2),
                ViewReference.then(ViewReference.permute(s, 1, 0, 2), ViewReference.slice(new int[] {5, 3, 2}, 0, 1, 5, 3)),
                input(s)));
    }

    @Test
    void contiguousOfASlicedTransposeCopiesItsLogicalOrder() {
        int[] s = {4, 3};
        assertPasses(DoubleGradCheck.check(
                t -> withShape(Views.contiguous(Views.slice(Views.transpose(t[0], 0, 1), 1, 1, 4, 1)), 3, 3),
                ViewReference.then(ViewReference.transpose(s, 0, 1), ViewReference.slice(new int[] {3, 4}, 1, 1, 4, 1)),
                input(s)));
    }

    @Test
    void concatThreePartsAlongAMiddleDim() {
        int[] a = {2, 1, 3};
        int[] b = {2, 3, 3};
        int[] c = {2, 2, 3};
        assertPasses(DoubleGradCheck.check(t -> withShape(Views.concat(1, t), 2, 6, 3),
                ViewReference.concat(1, a, b, c), input(a), input(b), input(c)));
    }

    @Test
    void concatAlongTheLastDimSkipsAPartWithoutGradient() {
        int[] a = {2, 3};
        int[] b = {2, 4};
        Tensor constant = input(b).requiresGrad(false);
        assertPasses(DoubleGradCheck.check(t -> withShape(Views.concat(-1, t), 2, 7),
                ViewReference.concat(1, a, b), input(a), constant));
    }

    @Test
    void stackAlongANewMiddleDim() {
        int[] s = {2, 4};
        assertPasses(DoubleGradCheck.check(t -> withShape(Views.stack(1, t), 2, 3, 4),
                ViewReference.stack(1, 3, s), input(s), input(s), input(s)));
    }

    @Test
    void stackAlongANewLastDimCountedFromTheEnd() {
        int[] s = {2, 4};
        assertPasses(DoubleGradCheck.check(t -> withShape(Views.stack(-1, t), 2, 4, 2),
                ViewReference.stack(2, 2, s), input(s), input(s)));
    }

    @Test
    void squeezeRemovesAUnitDim() {
        assertPasses(DoubleGradCheck.check(t -> withShape(Views.squeeze(t[0], 1), 2, 3),
                ViewReference.identity(), input(2, 1, 3)));
    }

    @Test
    void squeezeOfANonUnitDimKeepsTheShape() {
        assertPasses(DoubleGradCheck.check(t -> withShape(Views.squeeze(t[0], 0), 2, 3),
                ViewReference.identity(), input(2, 3)));
    }

    @Test
    void unsqueezeInsertsAUnitDimCountedFromTheEnd() {
        assertPasses(DoubleGradCheck.check(t -> withShape(Views.unsqueeze(t[0], -1), 2, 3, 1),
                ViewReference.identity(), input(2, 3)));
    }

    @Test
    void flattenFromADim() {
        assertPasses(DoubleGradCheck.check(t -> withShape(Views.flatten(t[0], 1), 2, 12),
                ViewReference.identity(), input(2, 3, 4)));
    }
}
