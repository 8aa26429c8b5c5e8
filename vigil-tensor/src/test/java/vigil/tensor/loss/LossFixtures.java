package vigil.tensor.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;

/**
 * The 2x3 inputs the elementwise-loss tests share with their PyTorch reference script, and the
 * check "forward, backward with SEED (or 1 for a scalar loss), compare loss and both gradients".
 */
final class LossFixtures {
    /** The upstream gradient used for reduction="none" in the reference: (l * SEED).sum().backward(). */
    static final float[] SEED = {0.5f, -1.0f, 2.0f, 1.5f, 0.25f, -0.75f};

    private LossFixtures() {
    }

    static Tensor input(float... values) {
        return Tensor.of(values.clone(), 2, 3).requiresGrad(true);
    }

    /** Runs loss(x, t), backpropagates and compares loss, dx and dt within tol. */
    static void assertMatches(Tensor out, Tensor x, Tensor t, float[] loss, float[] gx, float[] gt, float tol) {
        if (out.rank() == 0) {
            out.backward();
        } else {
            out.backward(Tensor.of(SEED.clone(), out.shape()));
        }
        assertArrayEquals(loss, out.data(), tol, "loss");
        assertArrayEquals(gx, x.grad().data(), tol, "d loss / d input");
        assertArrayEquals(gt, t.grad().data(), tol, "d loss / d target");
    }

    /**
     * Finite-difference check of input (and target, when it takes a gradient) for every reduction;
     * x - t is kept away from the kinks of l1 and smooth l1 by more than the step h.
     */
    static void assertGradCheckAllReductions(Function<Reduction, Loss> make, float tLo, float tHi,
                                             boolean targetTakesGradient) {
        Rng rng = new Rng(11);
        for (Reduction r : Reduction.values()) {
            Loss loss = make.apply(r);
            Tensor x = GradCheck.randomInput(rng, -2f, 2f, 3, 5);
            Tensor t = GradCheck.randomInput(rng, tLo, tHi, 3, 5).requiresGrad(targetTakesGradient);
            separate(x.data(), t.data());
            GradCheck.Result res = GradCheck.check(in -> new Tensor[] {loss.apply(in[0], in[1])}, x, t);
            assertTrue(res.passed(), r + " " + loss + ": " + res.worst());
        }
    }

    /** Moves x away from t and from t +- 1 and t +- 0.5 (the kinks of l1 and smooth l1 at the betas used). */
    private static void separate(float[] x, float[] t) {
        for (int i = 0; i < x.length; i++) {
            for (float kink : new float[] {0f, 1f, -1f, 0.5f, -0.5f}) {
                if (Math.abs(x[i] - t[i] - kink) < 0.05f) {
                    x[i] += 0.12f;
                }
            }
        }
    }
}
