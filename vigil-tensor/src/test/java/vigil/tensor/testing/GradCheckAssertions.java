package vigil.tensor.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.DoubleGradCheck;
import vigil.tensor.gradcheck.GradCheck;

/**
 * The assertions every gradient-check test makes on a checker's result, in one place so that a
 * failure reads the same (worst element and error) whichever test found it.
 */
public final class GradCheckAssertions {
    private GradCheckAssertions() {
    }

    /** Fails with the worst mismatching element and the largest absolute error. */
    public static void assertPasses(GradCheck.Result r) {
        assertTrue(r.passed(), "gradient mismatch, worst " + r.worst() + " (max abs error " + r.maxAbsError() + ")");
    }

    /** Fails with the checker's own report (worst forward or gradient element against the reference). */
    public static void assertPasses(DoubleGradCheck.Result r) {
        assertTrue(r.passed(), r.toString());
    }

    /**
     * Asserts y's shape and wraps y as a checked function's output: the double references work on
     * flat arrays and cannot see a wrong shape themselves.
     */
    public static Tensor[] withShape(Tensor y, int... shape) {
        assertArrayEquals(shape, y.shape(), "output shape");
        return new Tensor[] {y};
    }
}
