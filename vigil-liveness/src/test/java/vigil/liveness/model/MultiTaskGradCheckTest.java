package vigil.liveness.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;

/**
 * Gradients of the whole multi-task loss (packing, slicing, every head, the masked depth term)
 * through a tiny MobileNetV2 agree with central differences. The model runs in evaluation mode so
 * batch norm is a fixed affine map and the loss a deterministic function of the weights.
 *
 * <p>Probed: the weights of every head and the backbone's last convolution (which the live and
 * spoof-type heads share). GradCheck differences in float32 with h = 1e-3; rtol 5e-2 and atol 1e-3
 * (float32 rounding of an O(1) loss over 2h is ~1e-4). The net is piecewise linear (ReLU6, ReLU),
 * and a step that moves a unit across a kink sees another slope; deep backbone weights, with many
 * kinks downstream, disagree by up to 30% here (up to 40% at 16x16 input), so they are checked
 * instead against PyTorch float64 autograd in {@link MobileNetV2GradientTest}, which also shows that
 * float64 central differences at this h are off just as much (kinks, not an engine bug). A
 * missing or detached backward path is off by the whole gradient: a head weight that received none
 * reads 0 against numeric derivatives up to ~0.3.
 */
class MultiTaskGradCheckTest {
    /** Leaves 0.9^40 = 1.5% of the initial running statistics. */
    private static final int CALIBRATION_PASSES = 40;
    private static final double STEP = 1e-3;
    private static final double ATOL = 1e-3;
    private static final double RTOL = 5e-2;

    @Test
    void lossGradientsOfEveryHeadAndTheSharedLastConvolutionMatchCentralDifferences() {
        ModelOptions o = ModelOptions.of(32).withLiveOutputs(3).withSpoofTypes(3).withDepth(true)
                .withWidthMultiplier(0.25f).withMapHeadWidth(4).withDropout(0f).withSeed(3);
        MultiTaskModel model = LivenessModels.create("mobilenet-v2", o);
        MultiTaskLayout layout = model.layout();
        Rng rng = new Rng(9);
        Tensor x = GradCheck.randomInput(rng, 0, 255, 3, 3, 32, 32).requiresGrad(false);
        calibrateBatchNorm(model, x);
        int hw = layout.mapSize();
        float[][] depth = {random(rng, hw), null, random(rng, hw)};
        Tensor targets = MultiTaskTargets.forImages(layout, x, new long[] {1, 0, 2}, new long[] {-1, 2, 0}, depth)
                .pack(layout);
        MultiTaskObjective objective = new MultiTaskObjective(layout, LiveLoss.CROSS_ENTROPY,
                new LossWeights(1, 0.5, 0.5, 0.3), DepthLoss.MSE, 1);
        Map<String, Tensor> p = model.namedParameters();
        Tensor[] probed = {p.get("classifier.weight"), p.get("type_head.weight"), p.get("fourier_head.ft.6.weight"),
            p.get("depth_head.ft.0.weight"), p.get("high.11.0.weight")};
        GradCheck.Result r = GradCheck.check(in -> new Tensor[] {objective.loss(model.forward(x), targets)}, probed,
                STEP, ATOL, RTOL, 24, 5L);
        assertTrue(r.passed(), r.toString());
    }

    /**
     * Fresh running statistics (mean 0, variance 1) leave the activations of a deep net vanishingly
     * small in evaluation mode; forward passes in training mode move them to the batch's statistics.
     */
    private static void calibrateBatchNorm(MultiTaskModel model, Tensor x) {
        model.train(true);
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            for (int i = 0; i < CALIBRATION_PASSES; i++) {
                model.forward(x);
            }
        }
        model.eval();
    }

    private static float[] random(Rng rng, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = rng.uniform(0, 1);
        }
        return a;
    }
}
