package vigil.liveness.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;
import vigil.tensor.loss.CrossEntropy;
import vigil.tensor.loss.Reduction;

/**
 * The closed-form per-sample scores against autograd: EL2N is the norm of the cross-entropy gradient
 * with respect to the logits, and the last-layer gradient norm is the norm of the gradient of the
 * head's weight and bias from a backward pass of that sample alone. Float32 throughout; 1e-5
 * relative covers the rounding of a few dozen float operations.
 */
class PerSampleScoresTest {
    private static final int INPUTS = 6;
    private static final int WIDTH = 5;
    private static final int CLASSES = 4;
    private static final long[] LABELS = {0, 3, 2};

    private static Tensor inputs() {
        Rng rng = new Rng(7);
        float[] x = new float[LABELS.length * INPUTS];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return Tensor.of(x, LABELS.length, 1, 2, 3);
    }

    @Test
    void el2nIsTheNormOfTheLossGradientWithRespectToTheLogits() {
        Rng rng = new Rng(3);
        float[] z = new float[LABELS.length * CLASSES];
        for (int i = 0; i < z.length; i++) {
            z[i] = 3 * (float) rng.nextGaussian();
        }
        Tensor logits = Tensor.of(z.clone(), LABELS.length, CLASSES).requiresGrad(true);
        // With a summed loss, row i of dL/dlogits is p_i - onehot(y_i).
        new CrossEntropy(Reduction.SUM).apply(logits, Tensor.ofLongs(LABELS, LABELS.length)).backward();
        float[] g = logits.gradArray();
        float[] got = PerSampleScores.el2n(SubsetTraining.softmaxRows(z, CLASSES), LABELS, CLASSES);
        for (int i = 0; i < LABELS.length; i++) {
            double norm = 0;
            for (int c = 0; c < CLASSES; c++) {
                norm += g[i * CLASSES + c] * g[i * CLASSES + c];
            }
            assertEquals(Math.sqrt(norm), got[i], 1e-5 * Math.sqrt(norm), "row " + i);
        }
    }

    @Test
    void lastLayerGradNormMatchesAPerSampleBackwardPass() {
        SelectionMlp model = new SelectionMlp(INPUTS, WIDTH, CLASSES, new Rng(11));
        Tensor x = inputs();
        Tensor features = model.features(x);
        float[] probs = SubsetTraining.softmaxRows(model.head(features).data(), CLASSES);
        float[] got = PerSampleScores.lastLayerGradNorm(probs, LABELS, CLASSES, features.data(), WIDTH);
        for (int i = 0; i < LABELS.length; i++) {
            model.zeroGrad();
            Tensor xi = Tensor.of(java.util.Arrays.copyOfRange(x.data(), i * INPUTS, (i + 1) * INPUTS), 1, 1, 2, 3);
            CrossEntropy.mean().apply(model.forward(xi), Tensor.ofLongs(new long[] {LABELS[i]}, 1)).backward();
            double norm = 0;
            for (float v : model.headLayer().weight().gradArray()) {
                norm += v * v;
            }
            for (float v : model.headLayer().bias().gradArray()) {
                norm += v * v;
            }
            assertEquals(Math.sqrt(norm), got[i], 1e-5 * Math.sqrt(norm), "sample " + i);
        }
    }

    @Test
    void confidenceLossIsOneMinusTheLargestProbabilityWhateverTheLabel() {
        float[] probs = {0.7f, 0.2f, 0.1f, 0.25f, 0.25f, 0.5f};
        assertArrayEquals(new float[] {0.3f, 0.5f}, PerSampleScores.confidenceLoss(probs, 3), 1e-7f);
    }

    @Test
    void aLabelOutsideTheClassesIsRejected() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PerSampleScores.el2n(new float[] {0.5f, 0.5f}, new long[] {2}, 2));
    }
}
