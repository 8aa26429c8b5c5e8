package vigil.tensor.reference;

import static vigil.tensor.testing.GradCheckAssertions.assertPasses;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.DoubleGradCheck;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.MatMul;

/** MatMul.matmul and MatMul.linear against double-precision direct sums: forward and every gradient element. */
class LinearDoubleGradCheckTest {
    private final Rng rng = new Rng(31);

    private Tensor random(int... shape) {
        return GradCheck.randomInput(rng, -1.5f, 1.5f, shape);
    }

    @Test
    void linearWithBias() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {MatMul.linear(t[0], t[1], t[2])},
                LinearReference.linear(4, 5, 3), random(4, 5), random(3, 5), random(3)));
    }

    @Test
    void linearWithoutBias() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {MatMul.linear(t[0], t[1], null)},
                LinearReference.linear(4, 5, 3), random(4, 5), random(3, 5)));
    }

    @Test
    void linearOnThreeDimensionalInput() {
        // x [2, 3, 5]: the leading dims act as 6 rows
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {MatMul.linear(t[0], t[1], t[2])},
                LinearReference.linear(6, 5, 4), random(2, 3, 5), random(4, 5), random(4)));
    }

    @Test
    void matmul2d() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {MatMul.matmul(t[0], t[1])},
                LinearReference.matmul(1, 4, 5, 3), random(4, 5), random(5, 3)));
    }

    @Test
    void matmulBatched3d() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {MatMul.matmul(t[0], t[1])},
                LinearReference.matmul(3, 2, 4, 5), random(3, 2, 4), random(3, 4, 5)));
    }
}
