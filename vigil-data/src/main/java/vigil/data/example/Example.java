package vigil.data.example;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TensorFlow's {@code tf.train.Example}: named value lists ({@code Features.feature}), in the order
 * they were added or read. The typed getters throw IllegalArgumentException naming the feature when
 * it is missing or of another type.
 */
public record Example(Map<String, Feature> features) {

    public Example {
        for (Map.Entry<String, Feature> e : features.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("Example: null feature name or value (" + e.getKey() + ")");
            }
        }
        features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
    }

    public static ExampleBuilder builder() {
        return new ExampleBuilder();
    }

    public boolean has(String name) {
        return features.containsKey(name);
    }

    public Feature feature(String name) {
        Feature f = features.get(name);
        if (f == null) {
            throw new IllegalArgumentException("Example has no feature '" + name + "' (it has " + features.keySet() + ")");
        }
        return f;
    }

    public List<byte[]> bytesList(String name) {
        return as(name, Feature.BytesList.class).values();
    }

    public float[] floats(String name) {
        return as(name, Feature.FloatList.class).values();
    }

    public long[] int64s(String name) {
        return as(name, Feature.Int64List.class).values();
    }

    /** The single value of a bytes feature. */
    public byte[] bytes(String name) {
        List<byte[]> v = bytesList(name);
        single(name, v.size());
        return v.get(0);
    }

    /** The single value of a bytes feature, as UTF-8 text. */
    public String string(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** The single value of an int64 feature. */
    public long int64(String name) {
        long[] v = int64s(name);
        single(name, v.length);
        return v[0];
    }

    /** The single value of a float feature. */
    public float float32(String name) {
        float[] v = floats(name);
        single(name, v.length);
        return v[0];
    }

    private <T extends Feature> T as(String name, Class<T> type) {
        Feature f = feature(name);
        if (!type.isInstance(f)) {
            throw new IllegalArgumentException("feature '" + name + "' is " + f.typeName() + ", not "
                    + type.getSimpleName());
        }
        return type.cast(f);
    }

    private static void single(String name, int n) {
        if (n != 1) {
            throw new IllegalArgumentException("feature '" + name + "' has " + n + " values, expected exactly 1");
        }
    }
}
