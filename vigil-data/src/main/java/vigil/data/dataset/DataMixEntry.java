package vigil.data.dataset;

import java.nio.file.Path;

/**
 * One line of a data-mix config: every image under {@code source} gets {@code label}, and
 * {@code ratio} says how many are kept (see {@link DataMix} for the exact rule).
 *
 * @param line the 1-based line in the config, for messages
 */
public record DataMixEntry(int label, Path source, double ratio, int line) {
    public DataMixEntry {
        if (!(ratio > 0) || Double.isInfinite(ratio)) {
            throw new IllegalArgumentException("data-mix ratio must be positive and finite, got " + ratio);
        }
        if (ratio > 1 && ratio != Math.rint(ratio)) {
            throw new IllegalArgumentException("data-mix ratio above 1 is a per-sub-folder cap and must be a whole"
                    + " number, got " + ratio);
        }
    }

    /** Whether the ratio caps each sub-folder (above 1) rather than keeping a fraction (1 or below). */
    public boolean isCap() {
        return ratio > 1;
    }

    /** How many of {@code available} images a fraction keeps: round half up of ratio * available. */
    public int fractionOf(int available) {
        return (int) Math.min(available, Math.floor(ratio * available + 0.5));
    }
}
