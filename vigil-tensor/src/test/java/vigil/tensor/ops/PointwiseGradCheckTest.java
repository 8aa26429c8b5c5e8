package vigil.tensor.ops;

import static vigil.tensor.testing.GradCheckAssertions.assertPasses;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;

/** Finite-difference checks of the elementwise, view, reduction and matmul gradient rules. */
class PointwiseGradCheckTest {
    private final Rng rng = new Rng(42);

    @Test
    void broadcastingArithmetic() {
        Tensor a = GradCheck.randomInput(rng, -1, 1, 3, 4);
        Tensor b = GradCheck.randomInput(rng, 0.5f, 1.5f, 4);
        assertPasses(GradCheck.check(t -> new Tensor[] {
            t[0].add(t[1]).mul(t[0]).sub(t[1]).div(t[1].add(1f))}, a, b));
    }

    @Test
    void unaryMath() {
        Tensor a = GradCheck.randomInput(rng, 0.5f, 2f, 2, 5);
        assertPasses(GradCheck.check(t -> new Tensor[] {
            t[0].exp().add(t[0].log()).add(t[0].sqrt()).add(t[0].pow(3f))}, a));
    }

    @Test
    void activations() {
        Tensor a = GradCheck.randomInput(rng, -3f, 3f, 2, 3, 4);
        // Nudge values off the kinks at 0, +-3 and 6 by more than the finite-difference step.
        float[] d = a.data();
        for (int i = 0; i < d.length; i++) {
            for (float kink : new float[] {0f, 3f, -3f}) {
                if (Math.abs(d[i] - kink) < 0.05f) {
                    d[i] = kink + 0.1f;
                }
            }
        }
        Tensor w = GradCheck.randomInput(rng, 0.1f, 0.3f, 3);
        assertPasses(GradCheck.check(t -> new Tensor[] {
            Activations.relu(t[0]), Activations.relu6(t[0].mul(2.5f)), Activations.leakyRelu(t[0], 0.1f),
            Activations.prelu(t[0], t[1]), Activations.sigmoid(t[0]), Activations.tanh(t[0]),
            Activations.hardswish(t[0])}, a, w));
    }

    @Test
    void softmaxAndLogSoftmax() {
        Tensor a = GradCheck.randomInput(rng, -2f, 2f, 3, 5, 2);
        assertPasses(GradCheck.check(t -> new Tensor[] {Softmax.softmax(t[0], 1), Softmax.logSoftmax(t[0], -1)}, a));
    }

    @Test
    void reductions() {
        Tensor a = GradCheck.randomInput(rng, -2f, 2f, 3, 4, 2);
        assertPasses(GradCheck.check(t -> new Tensor[] {
            t[0].sum(), t[0].mean(1, true), t[0].sum(2, false), Reductions.max(t[0], 1, false)}, a));
    }

    @Test
    void viewsAndJoins() {
        Tensor a = GradCheck.randomInput(rng, -1f, 1f, 2, 3, 4);
        Tensor b = GradCheck.randomInput(rng, -1f, 1f, 2, 3, 4);
        assertPasses(GradCheck.check(t -> new Tensor[] {
            t[0].permute(2, 0, 1).reshape(4, 6).mul(2f),
            Views.slice(t[0], 2, 1, 4, 2),
            Views.concat(1, t[0], t[1]),
            Views.stack(0, t[0], t[1]).transpose(0, 3).contiguous()}, a, b));
    }

    @Test
    void matmulAndLinear() {
        Tensor a = GradCheck.randomInput(rng, -1f, 1f, 3, 4);
        Tensor b = GradCheck.randomInput(rng, -1f, 1f, 4, 5);
        Tensor w = GradCheck.randomInput(rng, -1f, 1f, 5, 4);
        Tensor bias = GradCheck.randomInput(rng, -1f, 1f, 5);
        Tensor bat = GradCheck.randomInput(rng, -1f, 1f, 2, 3, 4);
        Tensor bbt = GradCheck.randomInput(rng, -1f, 1f, 2, 4, 2);
        assertPasses(GradCheck.check(t -> new Tensor[] {
            t[0].matmul(t[1]), MatMul.linear(t[0], t[2], t[3]), t[4].matmul(t[5])}, a, b, w, bias, bat, bbt));
    }
}
