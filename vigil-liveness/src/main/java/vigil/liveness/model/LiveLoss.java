package vigil.liveness.model;

import java.util.Locale;

/**
 * The live/spoof loss. One logit: binary cross-entropy with logits, or sigmoid focal loss (gamma 2,
 * no alpha balancing). Several classes: cross-entropy, or softmax focal loss (gamma 2).
 */
public enum LiveLoss {
    CROSS_ENTROPY,
    FOCAL;

    public static final double FOCAL_GAMMA = 2.0;

    /** "ce" / "cross-entropy" / "focal", case-insensitively. */
    public static LiveLoss parse(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "ce", "cross-entropy", "cross_entropy", "crossentropy" -> CROSS_ENTROPY;
            case "focal" -> FOCAL;
            default -> throw new IllegalArgumentException("unknown live loss '" + word + "' (ce or focal)");
        };
    }
}
