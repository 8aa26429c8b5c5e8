package vigil.liveness.blink;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.ops.Activations;

/** The shipped passive-score smoother does what smoothing means: one odd frame does not flip a verdict, a run does. */
class ScoreSmootherGruTest {
    private static float[] smoothed(float[] scores) {
        float[] x = new float[scores.length * 2];
        for (int t = 0; t < scores.length; t++) {
            x[2 * t] = scores[t];
            x[2 * t + 1] = 1f;
        }
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            float[] logits = BlinkModels.shipped().smoother().forward(Tensor.of(x, 1, scores.length, 2)).data();
            float[] p = new float[logits.length];
            for (int t = 0; t < p.length; t++) {
                p[t] = Activations.sigmoid(logits[t]);
            }
            return p;
        }
    }

    @Test
    void oneSpoofLookingFrameInALiveVideoStaysLive() {
        float[] s = new float[30];
        java.util.Arrays.fill(s, 0.9f);
        s[20] = 0.05f;
        float[] p = smoothed(s);
        assertTrue(p[20] > 0.5f && p[29] > 0.5f, "smoothed at the odd frame " + p[20] + ", at the end " + p[29]);
    }

    @Test
    void aRunOfSpoofFramesTurnsTheVerdict() {
        float[] s = new float[40];
        for (int t = 0; t < s.length; t++) {
            s[t] = t < 10 ? 0.9f : 0.1f;
        }
        float[] p = smoothed(s);
        assertTrue(p[9] > 0.5f && p[39] < 0.5f, "before the run " + p[9] + ", after it " + p[39]);
    }
}
