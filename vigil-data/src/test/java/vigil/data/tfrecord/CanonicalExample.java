package vigil.data.tfrecord;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vigil.data.example.Example;
import vigil.data.example.Feature;

/**
 * An Example in the plain-data form of tools/tfrecord/tfrecord_py.canonical: {name: {"type", "values"}},
 * bytes as base64, floats as their unsigned float32 bit patterns, so Java and Python compare exactly.
 */
final class CanonicalExample {
    private CanonicalExample() {
    }

    static Map<String, Object> of(Example e) {
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, Feature> f : e.features().entrySet()) {
            List<Object> values = new ArrayList<>();
            switch (f.getValue()) {
                case Feature.BytesList b -> b.values().forEach(v -> values.add(Base64.getEncoder().encodeToString(v)));
                case Feature.FloatList fl -> {
                    for (float v : fl.values()) {
                        values.add(Float.floatToRawIntBits(v) & 0xffffffffL);
                    }
                }
                case Feature.Int64List l -> {
                    for (long v : l.values()) {
                        values.add(v);
                    }
                }
                case Feature.KindNotSet k -> {
                }
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", f.getValue().typeName());
            entry.put("values", values);
            out.put(f.getKey(), entry);
        }
        return out;
    }
}
