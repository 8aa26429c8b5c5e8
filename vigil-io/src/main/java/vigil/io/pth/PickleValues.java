package vigil.io.pth;

import java.util.List;
import java.util.Map;

/** Short, safe descriptions of unpickled values for error messages (bounded; never recurses into cycles). */
final class PickleValues {
    private static final int MAX_TEXT = 80;

    private PickleValues() {
    }

    static String describe(Object v) {
        return clip(describe(v, 2));
    }

    private static String describe(Object v, int depth) {
        return switch (v) {
            case null -> "None";
            case String s -> "'" + clip(s) + "'";
            case Long n -> n.toString();
            case Boolean b -> b ? "True" : "False";
            case PickleTuple t -> depth == 0 ? "(tuple of " + t.size() + ")" : "(" + items(t.items(), depth) + ")";
            case List<?> l -> depth == 0 ? "[list of " + l.size() + "]" : "[" + items(l, depth) + "]";
            case PickledOrderedDict d -> "OrderedDict of " + d.size();
            case Map<?, ?> m -> "dict of " + m.size();
            case AllowedGlobal g -> g.toString();
            case StorageType s -> s.toString();
            default -> v.getClass().getSimpleName() + " " + clip(String.valueOf(v));
        };
    }

    private static String items(List<?> items, int depth) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < items.size() && sb.length() < MAX_TEXT; i++) {
            sb.append(i == 0 ? "" : ", ").append(describe(items.get(i), depth - 1));
        }
        return sb.toString();
    }

    private static String clip(String s) {
        return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) + "..." : s;
    }
}
