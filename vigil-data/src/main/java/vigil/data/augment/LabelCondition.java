package vigil.data.augment;

import java.util.Locale;

/** Which samples a policy step applies to: live faces, spoofs, or both. */
public enum LabelCondition {
    LIVE, SPOOF, ANY;

    public boolean matches(boolean spoof) {
        return this == ANY || (this == SPOOF) == spoof;
    }

    public static LabelCondition parse(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "live" -> LIVE;
            case "spoof" -> SPOOF;
            case "any" -> ANY;
            default -> throw new IllegalArgumentException("'" + word + "' is not live, spoof or any");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
