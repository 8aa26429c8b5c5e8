package vigil.tensor.reference;

import static vigil.tensor.testing.GradCheckAssertions.assertPasses;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.DoubleGradCheck;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.Softmax;

/** Softmax and log-softmax along the first, a middle and the last dimension, against double references. */
class SoftmaxDoubleGradCheckTest {
    private static final int[] SHAPE = {3, 4, 5};
    private final Rng rng = new Rng(41);

    private Tensor input() {
        return GradCheck.randomInput(rng, -3f, 3f, SHAPE);
    }

    @Test
    void softmaxAlongFirstDim() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Softmax.softmax(t[0], 0)},
                SoftmaxReference.softmax(SHAPE, 0), input()));
    }

    @Test
    void softmaxAlongMiddleDim() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Softmax.softmax(t[0], 1)},
                SoftmaxReference.softmax(SHAPE, 1), input()));
    }

    @Test
    void softmaxAlongLastDimCountedFromTheEnd() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Softmax.softmax(t[0], -1)},
                SoftmaxReference.softmax(SHAPE, 2), input()));
    }

    @Test
    void logSoftmaxAlongFirstDim() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Softmax.logSoftmax(t[0], 0)},
                SoftmaxReference.logSoftmax(SHAPE, 0), input()));
    }

    @Test
    void logSoftmaxAlongMiddleDim() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Softmax.logSoftmax(t[0], 1)},
                SoftmaxReference.logSoftmax(SHAPE, 1), input()));
    }

    @Test
    void logSoftmaxAlongLastDimCountedFromTheEnd() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Softmax.logSoftmax(t[0], -1)},
                SoftmaxReference.logSoftmax(SHAPE, 2), input()));
    }
}
