package vigil.bench;

import java.util.Optional;
import vigil.data.augment.Policy;
import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/**
 * Issue 6's throughput target: Vigil's default augmentation policy on 80x80 faces, on the calling
 * thread only (the ops are single-threaded; a loader scales by running one per core). One step
 * augments {@link #SAMPLES} samples, alternating live and spoof labels as a balanced training
 * batch would, each from its own seed; the reported value is samples per second of the thread's CPU
 * time (the target is per core, and a shared machine's other processes would otherwise set the number).
 *
 * <p>The faces are synthetic (smooth shading, an oval "face", mild noise), so the workload needs no
 * data files; the ops' cost does not depend on what the pixels show.
 */
final class AugmentWorkload {
    static final String KEY = "augment_default_samples_per_s";
    static final int SIZE = 80;
    static final int SAMPLES = 256;
    static final int FACES = 16;

    private AugmentWorkload() {
    }

    static Workload create() {
        Policy policy = Policy.defaults();
        BgrImage[] faces = new BgrImage[FACES];
        Rng rng = new Rng(9);
        for (int i = 0; i < FACES; i++) {
            faces[i] = syntheticFace(rng);
        }
        long[] round = {0};
        return new Workload(KEY, () -> {
            long base = round[0]++ * SAMPLES;
            for (int s = 0; s < SAMPLES; s++) {
                policy.apply(faces[s % FACES], Optional.empty(), (s & 1) == 1, new Rng(base + s));
            }
        }, ms -> SAMPLES / (ms / 1000.0), true);
    }

    static BgrImage syntheticFace(Rng rng) {
        BgrImage im = new BgrImage(SIZE, SIZE);
        float tone = rng.uniform(90, 200);
        float cx = SIZE / 2f + rng.uniform(-5, 5);
        float cy = SIZE / 2f + rng.uniform(-5, 5);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                float dx = (x - cx) / 26f;
                float dy = (y - cy) / 34f;
                boolean face = dx * dx + dy * dy < 1;
                float base = face ? tone * (1.1f - 0.3f * (dx * dx + dy * dy)) : 60 + x;
                for (int c = 0; c < 3; c++) {
                    float v = base * (face ? 0.8f + 0.1f * c : 1) + rng.uniform(-4, 4);
                    im.set(x, y, c, Math.max(0, Math.min(255, Math.round(v))));
                }
            }
        }
        return im;
    }
}
