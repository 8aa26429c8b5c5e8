package vigil.data.example;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds an {@link Example} feature by feature; a name given twice keeps the last value. */
public final class ExampleBuilder {
    private final Map<String, Feature> features = new LinkedHashMap<>();

    public ExampleBuilder feature(String name, Feature value) {
        features.put(name, value);
        return this;
    }

    public ExampleBuilder bytes(String name, byte[]... values) {
        return feature(name, Feature.bytes(values));
    }

    public ExampleBuilder string(String name, String... values) {
        return feature(name, Feature.strings(values));
    }

    public ExampleBuilder floats(String name, float... values) {
        return feature(name, Feature.floats(values));
    }

    public ExampleBuilder int64(String name, long... values) {
        return feature(name, Feature.int64s(values));
    }

    public Example build() {
        return new Example(features);
    }
}
