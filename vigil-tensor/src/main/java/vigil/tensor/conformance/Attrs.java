package vigil.tensor.conformance;

import java.util.List;
import java.util.Map;

/** The typed view of a golden case's "attrs" JSON; a missing or malformed attribute names the op. */
public record Attrs(String op, Map<String, Object> values) {

    public boolean has(String key) {
        return values.containsKey(key) && values.get(key) != null;
    }

    public int getInt(String key, int fallback) {
        return has(key) ? number(key).intValue() : fallback;
    }

    public int getInt(String key) {
        return number(require(key)).intValue();
    }

    public double getDouble(String key, double fallback) {
        return has(key) ? number(key).doubleValue() : fallback;
    }

    public boolean getBool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        Object v = values.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        throw bad(key, "a boolean");
    }

    public String getString(String key, String fallback) {
        return has(key) ? String.valueOf(values.get(key)) : fallback;
    }

    /** A (height, width) pair given either as [a, b] or as one number for both. */
    public int[] getPair(String key, int fallback) {
        if (!has(key)) {
            return new int[] {fallback, fallback};
        }
        Object v = values.get(key);
        if (v instanceof Number n) {
            return new int[] {n.intValue(), n.intValue()};
        }
        if (v instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number a && l.get(1) instanceof Number b) {
            return new int[] {a.intValue(), b.intValue()};
        }
        if (v instanceof List<?> l && l.size() == 1 && l.get(0) instanceof Number a) {
            return new int[] {a.intValue(), a.intValue()};
        }
        throw bad(key, "a number or a pair");
    }

    private String require(String key) {
        if (!has(key)) {
            throw new IllegalArgumentException("op " + op + ": missing attribute '" + key + "'");
        }
        return key;
    }

    private Number number(String key) {
        Object v = values.get(key);
        if (v instanceof Number n) {
            return n;
        }
        throw bad(key, "a number");
    }

    private IllegalArgumentException bad(String key, String what) {
        return new IllegalArgumentException("op " + op + ": attribute '" + key + "' = " + values.get(key)
                + " is not " + what);
    }
}
