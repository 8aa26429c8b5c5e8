package vigil.cli.example;

import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;

/**
 * A synthetic sequence task shaped like blink liveness: each sequence is a per-frame eye-openness
 * signal (about 1 when open, dipping towards 0 for 2-6 frames during a blink) with sensor noise,
 * slow drift and occasional half-closures that are not blinks; the label is the number of blinks
 * (0, 1 or 2). A model must integrate over time, so a per-frame threshold cannot solve it.
 *
 * <p>Features per frame: [openness, openness - previous openness].
 */
public final class BlinkCountTask {
    public static final int CLASSES = 3;
    public static final int FEATURES = 2;

    private BlinkCountTask() {
    }

    /** A batch: x [N, T, 2] (batch-first), labels [N]. */
    public record Batch(Tensor x, Tensor labels) {
    }

    public static Batch sample(Rng rng, int n, int frames) {
        float[] x = new float[n * frames * FEATURES];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            int blinks = rng.nextInt(CLASSES);
            y[i] = blinks;
            float[] open = new float[frames];
            float base = rng.uniform(0.75f, 1.0f);
            float drift = rng.uniform(-0.1f, 0.1f);
            for (int t = 0; t < frames; t++) {
                open[t] = base + drift * t / frames + (float) (0.04 * rng.nextGaussian());
            }
            // Blinks sit in separate thirds of the clip so two blinks never merge into one.
            int slot = frames / 2;
            for (int b = 0; b < blinks; b++) {
                int len = 2 + rng.nextInt(5);
                int start = b * slot + rng.nextInt(Math.max(1, slot - len));
                float depth = rng.uniform(0.7f, 1.0f);
                for (int t = start; t < Math.min(frames, start + len); t++) {
                    open[t] -= depth * base;
                }
            }
            // A squint: a shallow dip that must not count as a blink.
            if (rng.nextFloat() < 0.5f) {
                int start = rng.nextInt(frames - 4);
                for (int t = start; t < start + 3; t++) {
                    open[t] -= 0.25f * base;
                }
            }
            for (int t = 0; t < frames; t++) {
                int p = (i * frames + t) * FEATURES;
                x[p] = open[t];
                x[p + 1] = t == 0 ? 0f : open[t] - open[t - 1];
            }
        }
        return new Batch(Tensor.of(x, n, frames, FEATURES), Tensor.ofLongs(y, n));
    }
}
