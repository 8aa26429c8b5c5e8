package vigil.liveness.bench;

import java.util.Locale;

/**
 * The spoof-type classes a model learns from the benchmark: the attack instrument's family, read from
 * the renderer label's prefix ("print-halftone" and "print-glossy" are PRINT, "replay-moire" and
 * "replay-hidpi" are REPLAY). Families, not renderers, so that the held-out renderers of the test split
 * still have a label a model trained on the other renderers knows; and so that the spoof-type head has
 * the same classes whichever renderers a config trains on.
 */
public enum AttackFamily {
    PRINT, REPLAY;

    /** The class index a live sample or an attack of no known family gets (ignored by the loss). */
    public static final int NONE = -1;

    /** The number of spoof-type classes (the head's width). */
    public static int count() {
        return values().length;
    }

    /** The family class of a manifest attack_type: ordinal of the prefix before '-', or {@link #NONE} for "" (live) and unknown prefixes. */
    public static int indexOf(String attackType) {
        int dash = attackType.indexOf('-');
        String prefix = dash < 0 ? attackType : attackType.substring(0, dash);
        for (AttackFamily f : values()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(prefix)) {
                return f.ordinal();
            }
        }
        return NONE;
    }
}
