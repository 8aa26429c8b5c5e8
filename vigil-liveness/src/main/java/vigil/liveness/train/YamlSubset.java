package vigil.liveness.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of YAML that config files need, read into the structure {@link vigil.tensor.io.Json} makes
 * (LinkedHashMap, List, Long, Double, String, Boolean, null), so one config reader serves both formats.
 *
 * <p>Supported: block mappings ({@code key: value}, {@code key:} then an indented block), block
 * sequences ({@code - item}, also at the parent key's indent, items may be mappings), flow sequences
 * {@code [a, b, [c]]} and flow mappings {@code {k: v}}, single- and double-quoted strings (escapes
 * \" \\ \n \t in double quotes, '' in single quotes), plain scalars ({@code null}, {@code ~},
 * {@code true}, {@code false}, integers, decimals, else a string), and {@code #} comments (at a line
 * start or after a space, outside quotes). Not supported, and rejected: tabs in indentation, anchors,
 * tags, multi-line scalars, several documents. Every error names source:line.
 */
public final class YamlSubset {
    private record Line(int number, int indent, String text) {
    }

    private final String source;
    private final List<Line> lines = new ArrayList<>();
    private int next;

    private YamlSubset(String source) {
        this.source = source;
    }

    /** Parses text; a document that is empty (only comments) is an empty mapping. */
    public static Object parse(String text, String source) {
        YamlSubset y = new YamlSubset(source);
        y.split(text);
        if (y.lines.isEmpty()) {
            return new LinkedHashMap<String, Object>();
        }
        Object v = y.block(y.lines.get(0).indent());
        if (y.next < y.lines.size()) {
            Line l = y.lines.get(y.next);
            throw y.error(l, "unexpected indentation (the block above ended at column " + l.indent() + ")");
        }
        return v;
    }

    /** As {@link #parse}, requiring a mapping at the top. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseMapping(String text, String source) {
        Object v = parse(text, source);
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException(source + ": expected a mapping at the top level");
        }
        return (Map<String, Object>) v;
    }

    private void split(String text) {
        String[] raw = text.split("\r?\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String line = stripComment(raw[i], i + 1);
            if (line.isBlank()) {
                continue;
            }
            int indent = 0;
            while (indent < line.length() && (line.charAt(indent) == ' ' || line.charAt(indent) == '\t')) {
                if (line.charAt(indent) == '\t') {
                    throw new IllegalArgumentException(source + ":" + (i + 1) + ": tab in indentation (use spaces)");
                }
                indent++;
            }
            String body = line.substring(indent).stripTrailing();
            if (body.equals("---") || body.equals("...")) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": document markers are not supported");
            }
            lines.add(new Line(i + 1, indent, body));
        }
    }

    /** The line without its comment; quotes are tracked so a '#' inside a string stays. */
    private String stripComment(String line, int number) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && (i == 0 || line.charAt(i - 1) == ' ' || line.charAt(i - 1) == '\t')) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /** The mapping or sequence whose lines start at exactly this indent. */
    private Object block(int indent) {
        Line first = lines.get(next);
        if (first.text().equals("-") || first.text().startsWith("- ")) {
            return sequence(indent);
        }
        return mapping(indent);
    }

    private List<Object> sequence(int indent) {
        List<Object> items = new ArrayList<>();
        while (next < lines.size() && lines.get(next).indent() == indent && isItem(lines.get(next).text())) {
            Line l = lines.get(next);
            String rest = l.text().substring(1).stripLeading();
            int restIndent = indent + l.text().length() - rest.length();
            if (rest.isEmpty()) {
                next++;
                items.add(nested(l, indent));
            } else if (keyColon(rest) >= 0) {
                // "- key: value" opens a mapping whose keys sit at the column after "- ".
                lines.set(next, new Line(l.number(), restIndent, rest));
                items.add(mapping(restIndent));
            } else {
                next++;
                items.add(scalarOrFlow(rest, l));
            }
        }
        return items;
    }

    private Map<String, Object> mapping(int indent) {
        Map<String, Object> m = new LinkedHashMap<>();
        while (next < lines.size() && lines.get(next).indent() == indent) {
            Line l = lines.get(next);
            if (isItem(l.text())) {
                throw error(l, "a sequence item where a 'key: value' line was expected");
            }
            int colon = keyColon(l.text());
            if (colon < 0) {
                throw error(l, "expected 'key: value', got '" + l.text() + "'");
            }
            String key = unquoteKey(l.text().substring(0, colon).strip(), l);
            String rest = l.text().substring(colon + 1).strip();
            next++;
            Object value;
            if (rest.isEmpty()) {
                // A sequence may sit at the key's own indent ("key:\n- a"), anything else must be deeper.
                boolean sameIndentSequence = next < lines.size() && lines.get(next).indent() == indent
                        && isItem(lines.get(next).text());
                value = sameIndentSequence ? sequence(indent) : nested(l, indent);
            } else {
                value = scalarOrFlow(rest, l);
            }
            if (m.containsKey(key)) {
                throw error(l, "duplicate key '" + key + "'");
            }
            m.put(key, value);
        }
        if (next < lines.size() && lines.get(next).indent() > indent) {
            throw error(lines.get(next), "unexpected indentation");
        }
        return m;
    }

    /** The block under owner's line, or null when the next line is not deeper. */
    private Object nested(Line owner, int indent) {
        if (next >= lines.size() || lines.get(next).indent() <= indent) {
            return null;
        }
        return block(lines.get(next).indent());
    }

    private static boolean isItem(String text) {
        return text.equals("-") || text.startsWith("- ");
    }

    /** Index of the ':' ending a key (followed by a space or the line end, outside quotes), or -1. */
    private static int keyColon(String text) {
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if ((c == '"' || c == '\'') && i == 0) {
                quote = c;
            } else if (c == '[' || c == '{') {
                return -1;
            } else if (c == ':' && (i + 1 == text.length() || text.charAt(i + 1) == ' ')) {
                return i;
            }
        }
        return -1;
    }

    private String unquoteKey(String key, Line l) {
        if (key.isEmpty()) {
            throw error(l, "empty key");
        }
        Object k = scalarOrFlow(key, l);
        if (!(k instanceof String) && (key.startsWith("[") || key.startsWith("{"))) {
            throw error(l, "a key must be a scalar");
        }
        return key.startsWith("\"") || key.startsWith("'") ? (String) k : key;
    }

    private Object scalarOrFlow(String text, Line l) {
        Flow f = new Flow(text, l);
        Object v = f.value();
        f.skipSpace();
        if (f.pos != text.length()) {
            throw error(l, "unexpected '" + text.substring(f.pos) + "' after the value");
        }
        return v;
    }

    private IllegalArgumentException error(Line l, String what) {
        return new IllegalArgumentException(source + ":" + l.number() + ": " + what);
    }

    /** One value written on a single line: a flow collection, a quoted string or a plain scalar. */
    private final class Flow {
        private final String text;
        private final Line line;
        private int pos;

        Flow(String text, Line line) {
            this.text = text;
            this.line = line;
        }

        Object value() {
            skipSpace();
            if (pos >= text.length()) {
                throw error(line, "missing value");
            }
            char c = text.charAt(pos);
            if (c == '&' || c == '*' || c == '!' || c == '|' || c == '>') {
                throw error(line, "'" + c + "' (anchors, aliases, tags, block scalars) is not supported");
            }
            return switch (c) {
                case '[' -> list();
                case '{' -> map();
                case '"' -> doubleQuoted();
                case '\'' -> singleQuoted();
                default -> plain();
            };
        }

        private List<Object> list() {
            List<Object> out = new ArrayList<>();
            pos++;
            skipSpace();
            if (peek() == ']') {
                pos++;
                return out;
            }
            while (true) {
                out.add(value());
                skipSpace();
                char c = peek();
                pos++;
                if (c == ']') {
                    return out;
                }
                if (c != ',') {
                    throw error(line, "expected ',' or ']' in a flow sequence");
                }
            }
        }

        private Map<String, Object> map() {
            Map<String, Object> out = new LinkedHashMap<>();
            pos++;
            skipSpace();
            if (peek() == '}') {
                pos++;
                return out;
            }
            while (true) {
                skipSpace();
                int colon = text.indexOf(':', pos);
                if (colon < 0) {
                    throw error(line, "expected 'key: value' in a flow mapping");
                }
                String key = text.substring(pos, colon).strip();
                pos = colon + 1;
                Object v = value();
                if (out.put(key, v) != null) {
                    throw error(line, "duplicate key '" + key + "'");
                }
                skipSpace();
                char c = peek();
                pos++;
                if (c == '}') {
                    return out;
                }
                if (c != ',') {
                    throw error(line, "expected ',' or '}' in a flow mapping");
                }
            }
        }

        private String doubleQuoted() {
            StringBuilder b = new StringBuilder();
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    if (pos >= text.length()) {
                        break;
                    }
                    char e = text.charAt(pos++);
                    b.append(switch (e) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case '"', '\\', '/' -> e;
                        default -> throw error(line, "unknown escape '\\" + e + "'");
                    });
                } else {
                    b.append(c);
                }
            }
            throw error(line, "unterminated double-quoted string");
        }

        private String singleQuoted() {
            StringBuilder b = new StringBuilder();
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '\'') {
                    if (peek() == '\'') {
                        b.append('\'');
                        pos++;
                        continue;
                    }
                    return b.toString();
                }
                b.append(c);
            }
            throw error(line, "unterminated single-quoted string");
        }

        /** A plain scalar runs to the end, or inside a flow collection to the next ',', ']' or '}'. */
        private Object plain() {
            boolean inFlow = text.charAt(0) == '[' || text.charAt(0) == '{';
            int start = pos;
            while (pos < text.length() && !(inFlow && ",]}".indexOf(text.charAt(pos)) >= 0)) {
                pos++;
            }
            return typed(text.substring(start, pos).strip());
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        void skipSpace() {
            while (pos < text.length() && text.charAt(pos) == ' ') {
                pos++;
            }
        }
    }

    /** A plain scalar typed as JSON would type it: null, booleans, Long, Double; anything else stays a string. */
    public static Object typed(String s) {
        switch (s) {
            case "", "null", "~", "Null", "NULL" -> {
                return null;
            }
            case "true", "True", "TRUE" -> {
                return Boolean.TRUE;
            }
            case "false", "False", "FALSE" -> {
                return Boolean.FALSE;
            }
            default -> {
            }
        }
        if (s.matches("[-+]?\\d+")) {
            try {
                return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
            } catch (NumberFormatException e) {
                return s;
            }
        }
        if (s.matches("[-+]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?")) {
            return Double.parseDouble(s);
        }
        return s;
    }
}
