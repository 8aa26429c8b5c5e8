package vigil.tensor.reference;

import static vigil.tensor.testing.GradCheckAssertions.assertPasses;
import static vigil.tensor.testing.GradCheckAssertions.withShape;
import static vigil.tensor.testing.TestInputs.shuffledLadder;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.DoubleGradCheck;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.Reductions;

/** Sums, means and maxima against double-precision references; keepDim is checked on the shape. */
class ReductionDoubleGradCheckTest {
    private static final int[] SHAPE = {2, 3, 5};
    private final Rng rng = new Rng(47);

    private Tensor input() {
        return GradCheck.randomInput(rng, -3f, 3f, SHAPE);
    }

    /** A shuffled ladder of values 0.05 apart, so no finite difference crosses a tie for the max. */
    private Tensor distinctInput() {
        return shuffledLadder(rng, input());
    }

    @Test
    void sumOfEverything() {
        assertPasses(DoubleGradCheck.check(t -> withShape(Reductions.sum(t[0])),
                ReductionReference.sumAll(), input()));
    }

    @Test
    void sumAlongDimKeepingIt() {
        assertPasses(DoubleGradCheck.check(t -> withShape(Reductions.sum(t[0], 1, true), 2, 1, 5),
                ReductionReference.sum(SHAPE, 1), input()));
    }

    @Test
    void sumAlongDimDroppingIt() {
        assertPasses(DoubleGradCheck.check(t -> withShape(Reductions.sum(t[0], 0, false), 3, 5),
                ReductionReference.sum(SHAPE, 0), input()));
    }

    @Test
    void meanAlongDimKeepingIt() {
        assertPasses(DoubleGradCheck.check(t -> withShape(Reductions.mean(t[0], -1, true), 2, 3, 1),
                ReductionReference.mean(SHAPE, 2), input()));
    }

    @Test
    void meanAlongDimDroppingIt() {
        assertPasses(DoubleGradCheck.check(t -> withShape(Reductions.mean(t[0], 1, false), 2, 5),
                ReductionReference.mean(SHAPE, 1), input()));
    }

    @Test
    void maxAlongDimKeepingIt() {
        assertPasses(DoubleGradCheck.check(t -> withShape(Reductions.max(t[0], 2, true), 2, 3, 1),
                ReductionReference.max(SHAPE, 2), distinctInput()));
    }

    @Test
    void maxAlongDimDroppingIt() {
        assertPasses(DoubleGradCheck.check(t -> withShape(Reductions.max(t[0], 1, false), 2, 5),
                ReductionReference.max(SHAPE, 1), distinctInput()));
    }
}
