package vigil.io.protobuf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import vigil.tensor.io.protobuf.ProtobufFormatException;

/**
 * A message parsed from protobuf text format, without a schema: its fields in file order. The typed
 * accessors interpret the tokens the way protoc's text parser would for a field of that type, and
 * name the source and line when a token does not fit. A singular accessor refuses a field given more
 * than once; the list accessors take every occurrence (repeated fields, also written as [a, b]).
 */
public final class TextMessage implements TextValue {
    private static final Pattern DECIMAL = Pattern.compile("-?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private final String source;
    private final int line;
    private final List<TextField> fields;

    public TextMessage(String source, int line, List<TextField> fields) {
        this.source = source;
        this.line = line;
        this.fields = List.copyOf(fields);
    }

    /** A message with no fields, standing for an absent optional sub-message (all defaults). */
    public static TextMessage empty(String source, int line) {
        return new TextMessage(source, line, List.of());
    }

    public List<TextField> fields() {
        return fields;
    }

    /** Where the message came from, for error messages (a file name). */
    public String source() {
        return source;
    }

    /** The line the message starts on (1 for a whole file). */
    public int line() {
        return line;
    }

    public boolean has(String name) {
        for (TextField f : fields) {
            if (f.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    public int count(String name) {
        int n = 0;
        for (TextField f : fields) {
            if (f.name().equals(name)) {
                n++;
            }
        }
        return n;
    }

    public String string(String name, String fallback) throws ProtobufFormatException {
        TextField f = single(name);
        return f == null ? fallback : quoted(f);
    }

    public List<String> strings(String name) throws ProtobufFormatException {
        List<String> out = new ArrayList<>();
        for (TextField f : all(name)) {
            out.add(quoted(f));
        }
        return out;
    }

    /** An enum field's value name (a bare identifier, or a number when the file gives the number). */
    public String enumName(String name, String fallback) throws ProtobufFormatException {
        TextField f = single(name);
        if (f == null) {
            return fallback;
        }
        TextScalar s = scalar(f);
        if (s.quoted()) {
            throw error(f, "expected an enum value name, got the string \"" + s.text() + "\"");
        }
        return s.text();
    }

    public boolean bool(String name, boolean fallback) throws ProtobufFormatException {
        TextField f = single(name);
        if (f == null) {
            return fallback;
        }
        String t = bare(f);
        return switch (t) {
            case "true", "True", "t", "1" -> true;
            case "false", "False", "f", "0" -> false;
            default -> throw error(f, "expected true or false, got " + t);
        };
    }

    public float floatValue(String name, float fallback) throws ProtobufFormatException {
        TextField f = single(name);
        return f == null ? fallback : parseFloat(f);
    }

    public List<Float> floats(String name) throws ProtobufFormatException {
        List<Float> out = new ArrayList<>();
        for (TextField f : all(name)) {
            out.add(parseFloat(f));
        }
        return out;
    }

    public long longValue(String name, long fallback) throws ProtobufFormatException {
        TextField f = single(name);
        return f == null ? fallback : parseLong(f);
    }

    /** An int32/uint32 field; values outside the int range are refused. */
    public int intValue(String name, int fallback) throws ProtobufFormatException {
        TextField f = single(name);
        return f == null ? fallback : toInt(f, parseLong(f));
    }

    public int[] ints(String name) throws ProtobufFormatException {
        List<TextField> list = all(name);
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = toInt(list.get(i), parseLong(list.get(i)));
        }
        return out;
    }

    public long[] longs(String name) throws ProtobufFormatException {
        List<TextField> list = all(name);
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = parseLong(list.get(i));
        }
        return out;
    }

    /** A singular sub-message, or an empty message (every field at its default) when absent. */
    public TextMessage message(String name) throws ProtobufFormatException {
        TextField f = single(name);
        if (f == null) {
            return empty(source, line);
        }
        return asMessage(f);
    }

    public List<TextMessage> messages(String name) throws ProtobufFormatException {
        List<TextMessage> out = new ArrayList<>();
        for (TextField f : all(name)) {
            out.add(asMessage(f));
        }
        return out;
    }

    /** An error located at this message, for checks the caller makes on its contents. */
    public ProtobufFormatException error(String what) {
        return new ProtobufFormatException(source + ":" + line + ": " + what);
    }

    /** An error located at a field of this message. */
    public ProtobufFormatException error(TextField f, String what) {
        return new ProtobufFormatException(source + ":" + f.line() + ": field '" + f.name() + "': " + what);
    }

    private List<TextField> all(String name) {
        List<TextField> out = new ArrayList<>();
        for (TextField f : fields) {
            if (f.name().equals(name)) {
                out.add(f);
            }
        }
        return out;
    }

    private TextField single(String name) throws ProtobufFormatException {
        List<TextField> list = all(name);
        if (list.size() > 1) {
            throw error(list.get(1), "given " + list.size() + " times, expected at most once");
        }
        return list.isEmpty() ? null : list.get(0);
    }

    private TextMessage asMessage(TextField f) throws ProtobufFormatException {
        if (f.value() instanceof TextMessage m) {
            return m;
        }
        throw error(f, "expected a message { ... }, got a scalar");
    }

    private TextScalar scalar(TextField f) throws ProtobufFormatException {
        if (f.value() instanceof TextScalar s) {
            return s;
        }
        throw error(f, "expected a scalar value, got a message { ... }");
    }

    private String quoted(TextField f) throws ProtobufFormatException {
        TextScalar s = scalar(f);
        if (!s.quoted()) {
            throw error(f, "expected a quoted string, got " + s.text());
        }
        return s.text();
    }

    private String bare(TextField f) throws ProtobufFormatException {
        TextScalar s = scalar(f);
        if (s.quoted()) {
            throw error(f, "expected a number or identifier, got the string \"" + s.text() + "\"");
        }
        return s.text();
    }

    // protoc reads a float field as a double and narrows it, so we do the same (not Float.parseFloat).
    private float parseFloat(TextField f) throws ProtobufFormatException {
        String t = bare(f);
        String lower = t.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "inf", "infinity" -> {
                return Float.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Float.NEGATIVE_INFINITY;
            }
            case "nan", "-nan" -> {
                return Float.NaN;
            }
            default -> {
            }
        }
        if (lower.startsWith("0x") || lower.startsWith("-0x")) {
            return parseLong(f);
        }
        String digits = lower.endsWith("f") ? t.substring(0, t.length() - 1) : t;
        if (!DECIMAL.matcher(digits).matches()) {
            throw error(f, "expected a number, got " + t);
        }
        return (float) Double.parseDouble(digits);
    }

    private long parseLong(TextField f) throws ProtobufFormatException {
        String t = bare(f);
        boolean negative = t.startsWith("-");
        String body = negative ? t.substring(1) : t;
        try {
            long v;
            if (body.startsWith("0x") || body.startsWith("0X")) {
                v = Long.parseLong(body.substring(2), 16);
            } else if (body.length() > 1 && body.startsWith("0")) {
                v = Long.parseLong(body.substring(1), 8);
            } else {
                v = Long.parseLong(body);
            }
            return negative ? -v : v;
        } catch (NumberFormatException e) {
            throw error(f, "expected an integer, got " + t);
        }
    }

    private int toInt(TextField f, long v) throws ProtobufFormatException {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw error(f, v + " does not fit a 32-bit integer");
        }
        return (int) v;
    }
}
