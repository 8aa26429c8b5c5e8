package vigil.data.augment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code key=value} arguments of one op in a policy line. Each op reads the keys it knows,
 * with defaults; {@link #requireAllUsed} then rejects any key nobody read, so a typo fails loudly.
 */
public final class OpArgs {
    private final String op;
    private final Map<String, String> values;
    private final Set<String> used = new TreeSet<>();

    public OpArgs(String op, Map<String, String> values) {
        this.op = op;
        this.values = new LinkedHashMap<>(values);
    }

    public static OpArgs none(String op) {
        return new OpArgs(op, Map.of());
    }

    public Range range(String key, Range defaultValue) {
        used.add(key);
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Range.parse(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": " + key + "=" + v + ": " + e.getMessage());
        }
    }

    public void requireAllUsed() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(used);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(op + ": unknown argument(s) " + unknown + "; known: " + used);
        }
    }
}
