package vigil.tensor.nn;

import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;

/**
 * Inverted dropout as torch.nn.Dropout, active only in training mode. The layer owns its random
 * stream, seeded at construction, so a run with the same seed drops the same elements.
 */
public final class Dropout extends Module implements Layer {
    private final float p;
    private Rng rng;

    public Dropout(float p, long seed) {
        this(p, new Rng(seed));
    }

    /** With a stream forked from the run's generator (e.g. {@code runRng.fork(layerIndex)}). */
    public Dropout(float p, Rng rng) {
        if (!(p >= 0f && p <= 1f)) {
            throw new IllegalArgumentException("Dropout: probability " + p + " is not in [0, 1]");
        }
        this.p = p;
        this.rng = rng;
    }

    /**
     * Restarts the mask stream from a seed. A trainer calls it before every step with a seed derived
     * from (run seed, step), so a resumed run draws the same masks without saving generator state.
     */
    public void reseed(long seed) {
        this.rng = new Rng(seed);
    }

    public float p() {
        return p;
    }

    @Override
    public Tensor forward(Tensor x) {
        return vigil.tensor.ops.Dropout.dropout(x, p, isTraining(), rng);
    }
}
