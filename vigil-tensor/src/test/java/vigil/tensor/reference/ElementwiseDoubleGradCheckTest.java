package vigil.tensor.reference;

import static vigil.tensor.testing.GradCheckAssertions.assertPasses;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.DoubleGradCheck;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.Dropout;
import vigil.tensor.ops.Elementwise;

/** Broadcasting arithmetic, elementwise math and dropout against double-precision references. */
class ElementwiseDoubleGradCheckTest {
    private final Rng rng = new Rng(53);

    private Tensor input(float lo, float hi, int... shape) {
        return GradCheck.randomInput(rng, lo, hi, shape);
    }

    /** Uniform values in [lo, hi), each moved 0.05 up when it lies within 0.01 of a kink. */
    private Tensor inputAwayFrom(float lo, float hi, float[] kinks, int... shape) {
        Tensor t = input(lo, hi, shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            for (float k : kinks) {
                if (Math.abs(d[i] - k) < 0.01f) {
                    d[i] = k + 0.05f;
                }
            }
        }
        return t;
    }

    @Test
    void addBroadcastsALowerRankOperand() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Elementwise.add(t[0], t[1])},
                ElementwiseReference.broadcast(new int[] {2, 3, 4}, new int[] {4}, Double::sum),
                input(-2f, 2f, 2, 3, 4), input(-2f, 2f, 4)));
    }

    @Test
    void subBroadcastsSizeOneDimsOfBothOperands() {
        // [2, 1, 4] - [3, 1] -> [2, 3, 4]
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Elementwise.sub(t[0], t[1])},
                ElementwiseReference.broadcast(new int[] {2, 1, 4}, new int[] {3, 1}, (a, b) -> a - b),
                input(-2f, 2f, 2, 1, 4), input(-2f, 2f, 3, 1)));
    }

    @Test
    void mulBroadcastsSizeOneDimsOfBothOperands() {
        // [3, 1, 5] * [4, 1] -> [3, 4, 5]
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Elementwise.mul(t[0], t[1])},
                ElementwiseReference.broadcast(new int[] {3, 1, 5}, new int[] {4, 1}, (a, b) -> a * b),
                input(-2f, 2f, 3, 1, 5), input(-2f, 2f, 4, 1)));
    }

    @Test
    void divBroadcastsTheDivisor() {
        // [2, 3, 4] / [3, 1] -> [2, 3, 4]; divisors kept in [0.5, 2), away from the pole at 0.
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Elementwise.div(t[0], t[1])},
                ElementwiseReference.broadcast(new int[] {2, 3, 4}, new int[] {3, 1}, (a, b) -> a / b),
                input(-2f, 2f, 2, 3, 4), input(0.5f, 2f, 3, 1)));
    }

    @Test
    void divBroadcastsTheDividend() {
        // [4] / [2, 3, 4]: the lower-rank operand on the left.
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Elementwise.div(t[0], t[1])},
                ElementwiseReference.broadcast(new int[] {4}, new int[] {2, 3, 4}, (a, b) -> a / b),
                input(-2f, 2f, 4), input(0.5f, 2f, 2, 3, 4)));
    }

    @Test
    void addScalar() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Elementwise.addScalar(t[0], 1.25f)},
                ElementwiseReference.map(v -> v + 1.25), input(-2f, 2f, 3, 4)));
    }

    @Test
    void mulScalar() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Elementwise.mulScalar(t[0], -0.75f)},
                ElementwiseReference.map(v -> v * -0.75), input(-2f, 2f, 3, 4)));
    }

    @Test
    void exp() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Elementwise.exp(t[0])},
                ElementwiseReference.map(Math::exp), input(-2f, 2f, 3, 4)));
    }

    @Test
    void logOfPositiveValues() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Elementwise.log(t[0])},
                ElementwiseReference.map(Math::log), input(0.2f, 5f, 3, 4)));
    }

    @Test
    void sqrtOfPositiveValues() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Elementwise.sqrt(t[0])},
                ElementwiseReference.map(Math::sqrt), input(0.2f, 5f, 3, 4)));
    }

    @Test
    void powWithFractionalExponent() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Elementwise.pow(t[0], 2.5f)},
                ElementwiseReference.map(v -> Math.pow(v, 2.5)), input(0.2f, 3f, 3, 4)));
    }

    @Test
    void powWithOddIntegerExponentOfNegativeValues() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Elementwise.pow(t[0], 3f)},
                ElementwiseReference.map(v -> v * v * v), input(-2f, 2f, 3, 4)));
    }

    @Test
    void powWithNegativeExponent() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Elementwise.pow(t[0], -1.5f)},
                ElementwiseReference.map(v -> 1 / Math.pow(v, 1.5)), input(0.5f, 2f, 3, 4)));
    }

    @Test
    void abs() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Elementwise.abs(t[0])},
                ElementwiseReference.map(Math::abs), inputAwayFrom(-2f, 2f, new float[] {0f}, 3, 4)));
    }

    @Test
    void clampPassesTheGradientOnlyInsideTheRange() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Elementwise.clamp(t[0], -1f, 1.5f)},
                ElementwiseReference.map(v -> Math.min(Math.max(v, -1), 1.5)),
                inputAwayFrom(-3f, 3f, new float[] {-1f, 1.5f}, 4, 5)));
    }

    @Test
    void dropoutInTrainingReplaysTheSeededMask() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Dropout.dropout(t[0], 0.3f, true, new Rng(99))},
                ElementwiseReference.dropout(0.3f, 99), input(-2f, 2f, 4, 5)));
    }

    @Test
    void dropoutInTrainingWithProbabilityOneDropsEverything() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Dropout.dropout(t[0], 1f, true, new Rng(99))},
                ElementwiseReference.dropout(1f, 99), input(-2f, 2f, 4, 5)));
    }

    @Test
    void dropoutInEvaluationPassesThrough() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Dropout.dropout(t[0], 0.3f, false, new Rng(99))},
                ElementwiseReference.map(v -> v), input(-2f, 2f, 4, 5)));
    }
}
