package vigil.tensor.reference;

import static vigil.tensor.testing.GradCheckAssertions.assertPasses;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.DoubleGradCheck;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.Activations;

/** Activations against double-precision references: forward values and every gradient element. */
class ActivationDoubleGradCheckTest {
    private final Rng rng = new Rng(5);

    private Tensor input() {
        return GradCheck.randomInput(rng, -4f, 8f, 2, 3, 4, 5);
    }

    @Test
    void relu() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Activations.relu(t[0])},
                ElementwiseReference.map(v -> Math.max(v, 0)), input()));
    }

    @Test
    void relu6() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Activations.relu6(t[0])},
                ElementwiseReference.map(v -> Math.min(Math.max(v, 0), 6)), input()));
    }

    @Test
    void leakyRelu() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Activations.leakyRelu(t[0], 0.2f)},
                ElementwiseReference.map(v -> v > 0 ? v : 0.2f * v), input()));
    }

    @Test
    void sigmoid() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Activations.sigmoid(t[0])},
                ElementwiseReference.map(ActivationReference::sigmoid), input()));
    }

    @Test
    void tanh() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Activations.tanh(t[0])},
                ElementwiseReference.map(Math::tanh), input()));
    }

    @Test
    void hardswish() {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Activations.hardswish(t[0])},
                ElementwiseReference.map(ActivationReference::hardswish), input()));
    }

    @Test
    void preluPerChannelAndShared() {
        Tensor w = GradCheck.randomInput(rng, 0.05f, 0.5f, 3);
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Activations.prelu(t[0], t[1])},
                ActivationReference.prelu(3, 20), input(), w));
        Tensor shared = GradCheck.randomInput(rng, 0.05f, 0.5f, 1);
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {Activations.prelu(t[0], t[1])},
                ActivationReference.prelu(1, 20), input(), shared));
    }
}
