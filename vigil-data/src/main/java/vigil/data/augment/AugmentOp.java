package vigil.data.augment;

import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/**
 * One augmentation: a family of image changes with ranges for its parameters. Drawing and applying
 * are split so every augmented sample can record exactly what was done to it: {@link #draw} takes
 * all the randomness and returns concrete parameters (a record, which prints itself), and
 * {@link OpParams#apply} is a pure function of those parameters and the image.
 */
public interface AugmentOp {
    /** The name used in policy files and on contact sheets, e.g. {@code jpeg}. */
    String name();

    /** Concrete parameters for one sample, drawn from rng (the only source of randomness). */
    OpParams draw(Rng rng);

    /** Draw and apply in one step. */
    default BgrImage apply(BgrImage image, Rng rng) {
        return draw(rng).apply(image);
    }
}
