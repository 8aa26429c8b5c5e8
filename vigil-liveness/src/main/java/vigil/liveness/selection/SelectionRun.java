package vigil.liveness.selection;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One training run of the selection experiment: which subset (method "full", "random" or a
 * {@link SelectionMethod}'s CLI name, with the fraction kept), the seed, and the test accuracy.
 */
public record SelectionRun(int seed, String method, double fraction, int kept, double accuracy, double seconds) {
    public static final String FULL = "full";
    public static final String RANDOM = "random";

    /** The key that identifies a run for resuming: method, fraction and seed. */
    public String key() {
        return method + "@" + fraction + "#" + seed;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", seed);
        m.put("method", method);
        m.put("fraction", fraction);
        m.put("kept", kept);
        m.put("accuracy", accuracy);
        m.put("seconds", seconds);
        return m;
    }

    /** Reads a line written by {@link #toJson}; {@code where} names the file:line in errors. */
    public static SelectionRun fromJson(Map<String, Object> m, String where) {
        try {
            return new SelectionRun(((Number) m.get("seed")).intValue(), (String) m.get("method"),
                    ((Number) m.get("fraction")).doubleValue(), ((Number) m.get("kept")).intValue(),
                    ((Number) m.get("accuracy")).doubleValue(), ((Number) m.get("seconds")).doubleValue());
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException(where + ": not a selection run record " + m);
        }
    }
}
