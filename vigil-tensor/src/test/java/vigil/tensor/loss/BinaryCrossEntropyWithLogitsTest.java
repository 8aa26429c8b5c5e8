package vigil.tensor.loss;

import static vigil.tensor.loss.LossFixtures.assertGradCheckAllReductions;
import static vigil.tensor.loss.LossFixtures.assertMatches;
import static vigil.tensor.loss.LossFixtures.input;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;

/**
 * bce_with_logits against PyTorch 1.13 and finite differences. Reference: /usr/bin/python3,
 * x = [[0.5, -1.25, 2], [60, -60, 0]] (the +-60 test the overflow-free form), t = [[1, 0, 0.3], [0, 1, 0.5]],
 * pos_weight = [2, 0.5, 1.5], weight = [[1], [0.25]], l = F.binary_cross_entropy_with_logits(x, t, ...),
 * (l * seed).sum().backward() with seed LossFixtures.SEED for "none", 1 otherwise. Tolerance 2e-5 absolute:
 * the losses reach 93, where a float32 ulp is 8e-6.
 */
class BinaryCrossEntropyWithLogitsTest {
    private static final float[] X = {0.5f, -1.25f, 2.0f, 60.0f, -60.0f, 0.0f};
    private static final float[] T = {1.0f, 0.0f, 0.3f, 0.0f, 1.0f, 0.5f};
    private static final Tensor POS_WEIGHT = Tensor.of(new float[] {2.0f, 0.5f, 1.5f}, 3);

    @Test
    void meanIsStableForLargeLogitsAndMatchesPyTorch() {
        Tensor x = input(X);
        Tensor t = input(T);
        assertMatches(BinaryCrossEntropyWithLogits.mean().apply(x, t), x, t, new float[] {20.491013f},
                new float[] {-0.062923439f, 0.037116688f, 0.0967995f, 0.16666667f, -0.16666667f, 0f},
                new float[] {-0.083333336f, 0.20833333f, -0.33333334f, -10f, 10f, 0f}, 2e-5f);
    }

    @Test
    void sumWithPosWeightMatchesPyTorch() {
        Tensor x = input(X);
        Tensor t = input(T);
        assertMatches(new BinaryCrossEntropyWithLogits(Reduction.SUM).withPosWeight(POS_WEIGHT).apply(x, t), x, t,
                new float[] {93.612488f},
                new float[] {-0.7550813f, 0.22270013f, 0.56291664f, 1f, -0.5f, -0.125f},
                new float[] {-0.025923014f, 0.49903545f, -1.9365361f, -60f, 30f, 0.34657359f}, 2e-5f);
    }

    @Test
    void noneWithWeightAndPosWeightMatchesPyTorch() {
        Tensor x = input(X);
        Tensor t = input(T);
        Tensor weight = Tensor.of(new float[] {1.0f, 0.25f}, 2, 1);
        assertMatches(new BinaryCrossEntropyWithLogits(Reduction.NONE, weight, POS_WEIGHT).apply(x, t), x, t,
                new float[] {0.94815397f, 0.25192904f, 1.5459672f, 15f, 7.5f, 0.21660849f},
                new float[] {-0.37754065f, -0.22270013f, 1.1258333f, 0.375f, -0.03125f, 0.0234375f},
                new float[] {-0.012961507f, -0.49903545f, -3.8730721f, -22.5f, 1.875f, -0.064982548f}, 2e-5f);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        assertGradCheckAllReductions(BinaryCrossEntropyWithLogits::new, 0f, 1f, true);
    }

    @Test
    void gradientsWithPosWeightAndWeightMatchFiniteDifferences() {
        Tensor pw = Tensor.of(new float[] {0.5f, 1f, 2f, 3f, 0.25f}, 5);
        Tensor w = Tensor.of(new float[] {1f, 0.5f, 2f}, 3, 1);
        assertGradCheckAllReductions(r -> new BinaryCrossEntropyWithLogits(r, w, pw), 0f, 1f, true);
    }
}
