package vigil.tensor.loss;

import static vigil.tensor.loss.LossFixtures.assertGradCheckAllReductions;
import static vigil.tensor.loss.LossFixtures.assertMatches;
import static vigil.tensor.loss.LossFixtures.input;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;

/**
 * mse, l1 and smooth l1 against PyTorch 1.13 and finite differences. Reference: /usr/bin/python3,
 * x = [[0.5, -1.25, 2], [0.75, -0.4, 3]], t = [[0.5, 0, 1], [1.75, -0.9, -0.5]] (both requires_grad),
 * l = F.mse_loss / l1_loss / smooth_l1_loss(x, t, ...), (l * seed).sum().backward() (seed
 * LossFixtures.SEED for "none", 1 otherwise), 8 significant digits. The data holds x == t at [0, 0]
 * and |x - t| == 1 at [0, 2] and [1, 0], == 0.5 at [1, 1]: the kinks. Tolerance 1e-6 absolute.
 */
class PointwiseLossesTest {
    private static final float TOL = 1e-6f;
    private static final float[] X = {0.5f, -1.25f, 2.0f, 0.75f, -0.4f, 3.0f};
    private static final float[] T = {0.5f, 0.0f, 1.0f, 1.75f, -0.9f, -0.5f};

    @Test
    void mseSumMatchesPyTorch() {
        Tensor x = input(X);
        Tensor t = input(T);
        assertMatches(new MseLoss(Reduction.SUM).apply(x, t), x, t, new float[] {16.0625f},
                new float[] {0f, -2.5f, 2f, -2f, 0.99999994f, 7f}, new float[] {0f, 2.5f, -2f, 2f, -0.99999994f, -7f}, TOL);
    }

    @Test
    void mseNoneMatchesPyTorch() {
        Tensor x = input(X);
        Tensor t = input(T);
        assertMatches(new MseLoss(Reduction.NONE).apply(x, t), x, t,
                new float[] {0f, 1.5625f, 1f, 1f, 0.24999997f, 12.25f},
                new float[] {0f, 2.5f, 4f, -3f, 0.24999999f, -5.25f},
                new float[] {0f, -2.5f, -4f, 3f, -0.24999999f, 5.25f}, TOL);
    }

    @Test
    void l1MeanHasZeroGradientWhereInputEqualsTarget() {
        Tensor x = input(X);
        Tensor t = input(T);
        float s = 0.16666667f;
        assertMatches(L1Loss.mean().apply(x, t), x, t, new float[] {1.2083334f},
                new float[] {0f, -s, s, -s, s, s}, new float[] {0f, s, -s, s, -s, -s}, TOL);
    }

    @Test
    void l1NoneMatchesPyTorch() {
        Tensor x = input(X);
        Tensor t = input(T);
        assertMatches(new L1Loss(Reduction.NONE).apply(x, t), x, t,
                new float[] {0f, 1.25f, 1f, 1f, 0.49999997f, 3.5f},
                new float[] {0f, 1f, 2f, -1.5f, 0.25f, -0.75f}, new float[] {0f, -1f, -2f, 1.5f, -0.25f, 0.75f}, TOL);
    }

    @Test
    void smoothL1MeanWithDefaultBetaMatchesPyTorchAtTheKinks() {
        Tensor x = input(X);
        Tensor t = input(T);
        assertMatches(SmoothL1Loss.mean().apply(x, t), x, t, new float[] {0.8125f},
                new float[] {0f, -0.16666667f, 0.16666667f, -0.16666667f, 0.083333328f, 0.16666667f},
                new float[] {0f, 0.16666667f, -0.16666667f, 0.16666667f, -0.083333328f, -0.16666667f}, TOL);
    }

    @Test
    void smoothL1NoneWithBetaHalfMatchesPyTorch() {
        Tensor x = input(X);
        Tensor t = input(T);
        assertMatches(new SmoothL1Loss(Reduction.NONE, 0.5).apply(x, t), x, t,
                new float[] {0f, 1f, 0.75f, 0.75f, 0.24999997f, 3.25f},
                new float[] {0f, 1f, 2f, -1.5f, 0.24999999f, -0.75f},
                new float[] {0f, -1f, -2f, 1.5f, -0.24999999f, 0.75f}, TOL);
    }

    @Test
    void smoothL1WithBetaZeroFollowsPyTorchKernelAtTies() {
        // PyTorch 1.13 takes the "d <= -beta" branch at d == 0 for beta 0: -1 for input and target alike.
        Tensor x = input(X);
        Tensor t = input(T);
        assertMatches(new SmoothL1Loss(Reduction.SUM, 0).apply(x, t), x, t, new float[] {7.25f},
                new float[] {-1f, -1f, 1f, -1f, 1f, 1f}, new float[] {-1f, 1f, -1f, 1f, -1f, -1f}, TOL);
    }

    @Test
    void mseGradientsMatchFiniteDifferences() {
        assertGradCheckAllReductions(MseLoss::new, -2f, 2f, true);
    }

    @Test
    void l1GradientsMatchFiniteDifferences() {
        assertGradCheckAllReductions(L1Loss::new, -2f, 2f, true);
    }

    @Test
    void smoothL1GradientsMatchFiniteDifferences() {
        assertGradCheckAllReductions(r -> new SmoothL1Loss(r, 1.0), -2f, 2f, true);
        assertGradCheckAllReductions(r -> new SmoothL1Loss(r, 0.5), -2f, 2f, true);
    }
}
