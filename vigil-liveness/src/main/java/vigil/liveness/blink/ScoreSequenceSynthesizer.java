package vigil.liveness.blink;

import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;

/**
 * Synthetic per-frame passive-score sequences for the {@link ScoreSmootherGru}, since no labelled
 * liveness videos are available here: a live or spoof video (half each) has a per-video level
 * (live scores mostly 0.6-0.99, spoofs 0.01-0.45, with hard cases near 0.5), per-frame noise,
 * outlier frames that score the opposite way (motion blur, a bad crop), and frames with no face
 * (score 0, presence 0). Target per frame: the video's label.
 *
 * <pre>
 * x [N, T, 2] (score, face present), target [N, T, 1]
 * </pre>
 */
public final class ScoreSequenceSynthesizer {
    public record Batch(Tensor x, Tensor target) {
    }

    private ScoreSequenceSynthesizer() {
    }

    public static Batch sample(Rng rng, int n, int frames) {
        float[] x = new float[n * frames * 2];
        float[] y = new float[n * frames];
        for (int i = 0; i < n; i++) {
            boolean live = rng.nextFloat() < 0.5f;
            float level = live ? rng.uniform(0.2f, 4f) : -rng.uniform(0.2f, 4f); // logit of the video's typical score
            float noise = rng.uniform(0.2f, 1.5f);
            float outliers = rng.uniform(0f, 0.15f);
            float missing = rng.nextFloat() < 0.3f ? rng.uniform(0f, 0.3f) : 0f;
            for (int t = 0; t < frames; t++) {
                int p = (i * frames + t) * 2;
                y[i * frames + t] = live ? 1f : 0f;
                if (rng.nextFloat() < missing) {
                    continue; // no face: score 0, presence 0
                }
                float logit = level + (float) (noise * rng.nextGaussian());
                if (rng.nextFloat() < outliers) {
                    logit = -logit;
                }
                x[p] = 1f / (1f + (float) Math.exp(-logit));
                x[p + 1] = 1f;
            }
        }
        return new Batch(Tensor.of(x, n, frames, 2), Tensor.of(y, n, frames, 1));
    }
}
