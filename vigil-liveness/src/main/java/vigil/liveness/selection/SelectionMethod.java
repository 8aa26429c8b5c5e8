package vigil.liveness.selection;

import java.util.Locale;

/**
 * How a tracked run ranks its samples for keeping. Every method keeps the samples with the highest
 * score: the most forgotten (never-learned first), the largest early error (EL2N), the largest
 * last-layer gradient, the least confident prediction (culling the easy, confident ones).
 */
public enum SelectionMethod {
    FORGETTING, EL2N, GRADNORM, CONFIDENCE;

    /** The CLI name: forgetting, el2n, gradnorm, confidence. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SelectionMethod parse(String name) {
        for (SelectionMethod m : values()) {
            if (m.cliName().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown selection method '" + name + "' (forgetting, el2n, gradnorm, confidence)");
    }
}
