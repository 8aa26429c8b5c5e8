package vigil.tensor.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vigil.tensor.loss.LossFixtures.assertGradCheckAllReductions;
import static vigil.tensor.loss.LossFixtures.assertMatches;
import static vigil.tensor.loss.LossFixtures.input;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;

/**
 * Sigmoid and softmax focal losses against references and finite differences. The sigmoid
 * reference is torchvision.ops.sigmoid_focal_loss's body (v0.14, re-typed in the script since
 * torchvision is not installed) run in torch 1.13 on x = [[0.5, -1.25, 2], [3, -0.4, 0]],
 * t = [[1, 0, 0.3], [0, 1, 0.5]] (both requires_grad), (l * seed).sum().backward() with seed
 * LossFixtures.SEED for "none". The softmax reference is (-alpha[t] * (1 - p_t)**2 * log p_t).mean()
 * with log p_t = log_softmax(x, 1).gather(1, t). Tolerance 2e-6 absolute.
 */
class FocalLossTest {
    private static final float TOL = 2e-6f;
    private static final float[] X = {0.5f, -1.25f, 2.0f, 3.0f, -0.4f, 0.0f};
    private static final float[] T = {1.0f, 0.0f, 0.3f, 0.0f, 1.0f, 0.5f};

    @Test
    void sigmoidFocalMeanWithTorchvisionDefaultsMatches() {
        Tensor x = input(X);
        Tensor t = input(T);
        assertMatches(FocalLoss.standard(Reduction.MEAN).apply(x, t), x, t, new float[] {0.44321218f},
                new float[] {-0.0057473741f, 0.003808606f, 0.033080317f, 0.14084373f, -0.019885169f, 0f},
                new float[] {-0.012253676f, 0.014486966f, -0.29096499f, -1.2279364f, -0.012306359f, -0.014440566f},
                TOL);
    }

    @Test
    void sigmoidFocalWithoutAlphaAndFractionalGammaMatches() {
        Tensor x = input(X);
        Tensor t = input(T);
        assertMatches(new FocalLoss(Reduction.NONE, -1, 1.5).apply(x, t), x, t,
                new float[] {0.10997512f, 0.026476398f, 0.80446732f, 2.8343065f, 0.42293972f, 0.24506453f},
                new float[] {-0.095131718f, -0.054274749f, 0.76736891f, 1.6308725f, -0.13298222f, 0f},
                new float[] {-0.11150175f, -0.23027129f, -4.9251046f, -10.243389f, 0.098611429f, 0f}, 5e-6f);
    }

    @Test
    void sigmoidFocalWithGammaZeroIsAlphaWeightedBce() {
        Tensor x = input(X);
        Tensor t = input(T);
        assertMatches(new FocalLoss(Reduction.SUM, 0.6, 0).apply(x, t), x, t, new float[] {3.2014225f},
                new float[] {-0.2265244f, 0.089080058f, 0.26716664f, 0.38102967f, -0.35921261f, 0f},
                new float[] {-0.20518459f, 0.55038583f, -0.61461437f, -0.59028256f, 0.4226031f, 0.13862947f}, TOL);
    }

    @Test
    void sigmoidFocalGradientsMatchFiniteDifferences() {
        assertGradCheckAllReductions(r -> new FocalLoss(r, 0.25, 2), 0f, 1f, true);
        assertGradCheckAllReductions(r -> new FocalLoss(r, -1, 0.5), 0f, 1f, true);
    }

    @Test
    void softmaxFocalMeanWithClassAlphaMatchesReference() {
        Tensor x = Tensor.of(new float[] {0.5f, -1.25f, 2.0f, 0.125f, 1.5f, 0.25f, -0.75f, -2.0f, -0.5f, 3.0f, 0.0f,
            1.0f}, 3, 4).requiresGrad(true);
        Tensor out = new SoftmaxFocalLoss(Reduction.MEAN, 2.0).withAlpha(Tensor.of(new float[] {0.25f, 0.75f, 0.5f, 1f}, 4))
                .apply(x, Tensor.ofLongs(new long[] {2, 0, 1}, 3));
        out.backward();
        assertArrayEquals(new float[] {0.0090990653f}, out.data(), 1e-8f);
        assertArrayEquals(new float[] {0.006046392f, 0.0010507052f, -0.011252719f, 0.00415562f, -0.0058149076f,
            0.0039469162f, 0.0014519893f, 0.00041600189f, 0.00054817181f, -0.0039086915f, 0.00090378267f,
            0.0024567358f}, x.grad().data(), 1e-8f);
    }

    @Test
    void softmaxFocalWithGammaZeroEqualsCrossEntropy() {
        Rng rng = new Rng(5);
        Tensor target = Tensor.ofLongs(new long[] {0, 3, 2, -100, 1, 1}, 2, 3);
        Tensor a = GradCheck.randomInput(rng, -3f, 3f, 2, 4, 3);
        Tensor b = a.detach().copy().requiresGrad(true);
        Tensor focal = new SoftmaxFocalLoss(Reduction.MEAN, 0).apply(a, target);
        Tensor ce = CrossEntropy.mean().apply(b, target);
        focal.backward();
        ce.backward();
        assertArrayEquals(ce.data(), focal.data(), 1e-7f);
        assertArrayEquals(b.grad().data(), a.grad().data(), 1e-7f);
    }

    @Test
    void softmaxFocalGradientsMatchFiniteDifferences() {
        Rng rng = new Rng(9);
        Tensor target = Tensor.ofLongs(new long[] {0, 3, 2, -100, 1, 1}, 2, 3);
        Tensor alpha = Tensor.of(new float[] {0.2f, 1f, 0.7f, 0.4f}, 4);
        for (Reduction r : Reduction.values()) {
            for (double gamma : new double[] {0.5, 2.0}) {
                SoftmaxFocalLoss loss = new SoftmaxFocalLoss(r, gamma).withAlpha(alpha);
                Tensor x = GradCheck.randomInput(rng, -2f, 2f, 2, 4, 3);
                GradCheck.Result res = GradCheck.check(t -> new Tensor[] {loss.apply(t[0], target)}, x);
                assertTrue(res.passed(), r + " gamma " + gamma + ": " + res.worst());
            }
        }
    }
}
