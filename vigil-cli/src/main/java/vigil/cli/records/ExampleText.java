package vigil.cli.records;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vigil.data.example.Example;
import vigil.data.example.Feature;
import vigil.tensor.io.Json;

/** A tf.train.Example as text lines or one JSON line, bytes as base64, features in record order. */
public final class ExampleText {
    private ExampleText() {
    }

    /** {"offset":n,"features":{name:{"type":"bytes|float|int64|none","values":[...]}}}; NaN and infinities print as null. */
    public static String json(long offset, Example e) {
        Map<String, Object> features = new LinkedHashMap<>();
        for (Map.Entry<String, Feature> f : e.features().entrySet()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("type", f.getValue().typeName());
            v.put("values", values(f.getValue()));
            features.put(f.getKey(), v);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("offset", offset);
        doc.put("features", features);
        return Json.write(doc);
    }

    /** "record 3 at byte 4096:" then "  name: type [v, ...]". */
    public static List<String> text(long index, long offset, Example e) {
        List<String> lines = new ArrayList<>();
        lines.add("record " + index + " at byte " + offset + ":");
        for (Map.Entry<String, Feature> f : e.features().entrySet()) {
            Feature v = f.getValue();
            String shown = switch (v) {
                case Feature.FloatList fl -> Arrays.toString(fl.values());
                case Feature.Int64List l -> Arrays.toString(l.values());
                default -> values(v).toString();
            };
            lines.add("  " + f.getKey() + ": " + v.typeName() + " " + shown);
        }
        return lines;
    }

    private static List<Object> values(Feature f) {
        List<Object> out = new ArrayList<>();
        switch (f) {
            case Feature.BytesList b -> b.values().forEach(v -> out.add(Base64.getEncoder().encodeToString(v)));
            case Feature.FloatList fl -> {
                for (float x : fl.values()) {
                    out.add(x);
                }
            }
            case Feature.Int64List l -> {
                for (long x : l.values()) {
                    out.add(x);
                }
            }
            case Feature.KindNotSet k -> {
            }
        }
        return out;
    }
}
