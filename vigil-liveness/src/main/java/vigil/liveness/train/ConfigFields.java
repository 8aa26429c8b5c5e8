package vigil.liveness.train;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed access to one JSON object of a config file. Every error names the file and the dotted key
 * ("train.json: optimizer.lr: expected a number, got \"fast\""), and keys nobody asked for are
 * rejected by {@link #rejectUnread()}, so a typo never silently falls back to a default. Public so
 * that commands reading a larger config (train + data + model sections) share the same rules.
 */
public final class ConfigFields {
    private final String source;
    private final String prefix;
    private final Map<String, Object> object;
    private final Set<String> read = new LinkedHashSet<>();

    public ConfigFields(String source, String prefix, Map<String, Object> object) {
        this.source = source;
        this.prefix = prefix;
        this.object = object;
    }

    public boolean has(String key) {
        read.add(key);
        return object.containsKey(key) && object.get(key) != null;
    }

    public IllegalArgumentException error(String key, String what) {
        return new IllegalArgumentException(source + ": " + prefix + key + ": " + what);
    }

    private Object require(String key) {
        if (!has(key)) {
            throw error(key, "is required");
        }
        return object.get(key);
    }

    public double number(String key) {
        if (require(key) instanceof Number n) {
            return n.doubleValue();
        }
        throw error(key, "expected a number, got " + describe(object.get(key)));
    }

    public double number(String key, double fallback) {
        return has(key) ? number(key) : fallback;
    }

    public long integer(String key) {
        Object v = require(key);
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p53) {
            return d.longValue();
        }
        throw error(key, "expected an integer, got " + describe(v));
    }

    public long integer(String key, long fallback) {
        return has(key) ? integer(key) : fallback;
    }

    public int positiveInt(String key) {
        long v = integer(key);
        if (v < 1 || v > Integer.MAX_VALUE) {
            throw error(key, "must be a positive int, got " + v);
        }
        return (int) v;
    }

    public String string(String key) {
        if (require(key) instanceof String s) {
            return s;
        }
        throw error(key, "expected a string, got " + describe(object.get(key)));
    }

    public String string(String key, String fallback) {
        return has(key) ? string(key) : fallback;
    }

    public boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        if (object.get(key) instanceof Boolean b) {
            return b;
        }
        throw error(key, "expected true or false, got " + describe(object.get(key)));
    }

    public double[] numbers(String key, int count, double[] fallback) {
        if (!has(key)) {
            return fallback;
        }
        if (object.get(key) instanceof List<?> list && list.size() == count
                && list.stream().allMatch(e -> e instanceof Number)) {
            double[] out = new double[count];
            for (int i = 0; i < count; i++) {
                out[i] = ((Number) list.get(i)).doubleValue();
            }
            return out;
        }
        throw error(key, "expected a list of " + count + " numbers, got " + describe(object.get(key)));
    }

    /** A list of strings (a YAML flow or block sequence, a JSON array). */
    public List<String> strings(String key, List<String> fallback) {
        if (!has(key)) {
            return fallback;
        }
        if (object.get(key) instanceof List<?> list && list.stream().allMatch(e -> e instanceof String)) {
            List<String> out = new ArrayList<>();
            list.forEach(e -> out.add((String) e));
            return out;
        }
        throw error(key, "expected a list of strings, got " + describe(object.get(key)));
    }

    @SuppressWarnings("unchecked")
    public ConfigFields object(String key) {
        if (require(key) instanceof Map<?, ?> m) {
            return new ConfigFields(source, prefix + key + ".", (Map<String, Object>) m);
        }
        throw error(key, "expected an object, got " + describe(object.get(key)));
    }

    /** An enum constant by its lower-case name. */
    public <E extends Enum<E>> E choice(String key, Class<E> type, E fallback) {
        if (!has(key)) {
            return fallback;
        }
        String name = string(key);
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            String n = e.name().toLowerCase(java.util.Locale.ROOT);
            if (n.equals(name)) {
                return e;
            }
            names.add(n);
        }
        throw error(key, "unknown value \"" + name + "\", expected one of " + names);
    }

    public void rejectUnread() {
        for (String key : object.keySet()) {
            if (!read.contains(key)) {
                throw error(key, "unknown key (known here: " + read + ")");
            }
        }
    }

    private static String describe(Object v) {
        return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    }
}
