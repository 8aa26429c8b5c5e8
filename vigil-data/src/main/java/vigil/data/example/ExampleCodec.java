package vigil.data.example;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vigil.tensor.io.protobuf.ProtobufFormatException;
import vigil.tensor.io.protobuf.WireReader;
import vigil.tensor.io.protobuf.WireWriter;

/**
 * The protobuf wire format of {@code tf.train.Example}, as in TensorFlow's
 * tensorflow/core/example/{example,feature}.proto (proto3):
 * <pre>
 * Example  { Features features = 1; }
 * Features { map&lt;string, Feature&gt; feature = 1; }      // entries: { string key = 1; Feature value = 2; }
 * Feature  { oneof kind { BytesList bytes_list = 1; FloatList float_list = 2; Int64List int64_list = 3; } }
 * BytesList { repeated bytes value = 1; }  FloatList { repeated float value = 1 [packed]; }
 * Int64List { repeated int64 value = 1 [packed]; }
 * </pre>
 * Encoding writes what protoc-generated code writes (packed lists, map entries with key and value,
 * features in the Example's order; an Example without features is zero bytes). Decoding follows
 * protobuf's rules: packed and unpacked values both accepted and concatenated, repeated messages merged,
 * the last of repeated map keys or oneof cases wins, unknown fields skipped; malformed bytes and
 * non-UTF-8 keys throw {@link ProtobufFormatException} with the byte offset.
 */
public final class ExampleCodec {
    private static final int LEN = WireReader.LENGTH_DELIMITED;

    private ExampleCodec() {
    }

    public static byte[] encode(Example example) {
        Map<String, Feature> features = example.features();
        if (features.isEmpty()) {
            return new byte[0];
        }
        int n = features.size();
        byte[][] keys = new byte[n][];
        int[] listSize = new int[n];
        int[] featureSize = new int[n];
        int[] entrySize = new int[n];
        int featuresSize = 0;
        int i = 0;
        for (Map.Entry<String, Feature> e : features.entrySet()) {
            keys[i] = e.getKey().getBytes(StandardCharsets.UTF_8);
            listSize[i] = listPayloadSize(e.getValue());
            featureSize[i] = e.getValue() instanceof Feature.KindNotSet ? 0
                    : WireWriter.lengthDelimitedSize(kindField(e.getValue()), listSize[i]);
            entrySize[i] = WireWriter.lengthDelimitedSize(1, keys[i].length) + WireWriter.lengthDelimitedSize(2, featureSize[i]);
            featuresSize = Math.addExact(featuresSize, WireWriter.lengthDelimitedSize(1, entrySize[i]));
            i++;
        }
        WireWriter w = new WireWriter(WireWriter.lengthDelimitedSize(1, featuresSize));
        w.tag(1, LEN).rawVarint(featuresSize);
        i = 0;
        for (Feature f : features.values()) {
            w.tag(1, LEN).rawVarint(entrySize[i]);
            w.bytes(1, keys[i]);
            w.tag(2, LEN).rawVarint(featureSize[i]);
            if (!(f instanceof Feature.KindNotSet)) {
                w.tag(kindField(f), LEN).rawVarint(listSize[i]);
            }
            switch (f) {
                case Feature.BytesList b -> b.values().forEach(v -> w.bytes(1, v));
                case Feature.FloatList fl -> {
                    if (fl.size() > 0) {
                        w.packedFloats(1, fl.values());
                    }
                }
                case Feature.Int64List l -> {
                    if (l.size() > 0) {
                        w.packedVarints(1, l.values());
                    }
                }
                case Feature.KindNotSet k -> {
                }
            }
            i++;
        }
        return w.toByteArray();
    }

    public static Example decode(byte[] bytes) throws ProtobufFormatException {
        return decode(bytes, "tf.train.Example");
    }

    /** {@code source} names the bytes in error messages (e.g. "file.tfrecord record 12"). */
    public static Example decode(byte[] bytes, String source) throws ProtobufFormatException {
        WireReader r = new WireReader(bytes, source);
        Map<String, Feature> features = new LinkedHashMap<>();
        while (r.hasMore()) {
            int tag = r.readTag();
            if (tag == (1 << 3 | LEN)) {
                readFeatures(r.readMessage(), features);
            } else {
                r.skip(tag);
            }
        }
        return new Example(features);
    }

    private static void readFeatures(WireReader r, Map<String, Feature> out) throws ProtobufFormatException {
        while (r.hasMore()) {
            int tag = r.readTag();
            if (tag != (1 << 3 | LEN)) {
                r.skip(tag);
                continue;
            }
            WireReader entry = r.readMessage();
            String key = "";
            Feature value = new Feature.KindNotSet();
            while (entry.hasMore()) {
                int t = entry.readTag();
                if (t == (1 << 3 | LEN)) {
                    key = entry.readStrictString();
                } else if (t == (2 << 3 | LEN)) {
                    value = readFeature(entry.readMessage(), value);
                } else {
                    entry.skip(t);
                }
            }
            out.put(key, value);
        }
    }

    // Merges a Feature message into what an earlier occurrence gave (same kind: values appended).
    private static Feature readFeature(WireReader r, Feature prior) throws ProtobufFormatException {
        Feature f = prior;
        while (r.hasMore()) {
            int tag = r.readTag();
            if (WireReader.wireType(tag) != LEN || WireReader.fieldNumber(tag) > 3) {
                r.skip(tag);
                continue;
            }
            WireReader list = r.readMessage();
            f = switch (WireReader.fieldNumber(tag)) {
                case 1 -> readBytesList(list, f instanceof Feature.BytesList b ? b.values() : List.of());
                case 2 -> readFloatList(list, f instanceof Feature.FloatList fl ? fl.values() : new float[0]);
                default -> readInt64List(list, f instanceof Feature.Int64List l ? l.values() : new long[0]);
            };
        }
        return f;
    }

    private static Feature.BytesList readBytesList(WireReader r, List<byte[]> prior) throws ProtobufFormatException {
        List<byte[]> values = new ArrayList<>(prior);
        while (r.hasMore()) {
            int tag = r.readTag();
            if (tag == (1 << 3 | LEN)) {
                values.add(r.readBytes());
            } else {
                r.skip(tag);
            }
        }
        return new Feature.BytesList(values);
    }

    private static Feature.FloatList readFloatList(WireReader r, float[] prior) throws ProtobufFormatException {
        float[] values = prior;
        int n = values.length;
        while (r.hasMore()) {
            int tag = r.readTag();
            if (tag == (1 << 3 | LEN)) {
                float[] more = r.readPackedFloats();
                values = Arrays.copyOf(values, Math.max(values.length, n + more.length));
                System.arraycopy(more, 0, values, n, more.length);
                n += more.length;
            } else if (tag == (1 << 3 | WireReader.FIXED32)) {
                if (n == values.length) {
                    values = Arrays.copyOf(values, Math.max(8, 2 * n));
                }
                values[n++] = r.readFloat();
            } else {
                r.skip(tag);
            }
        }
        return new Feature.FloatList(n == values.length ? values : Arrays.copyOf(values, n));
    }

    private static Feature.Int64List readInt64List(WireReader r, long[] prior) throws ProtobufFormatException {
        long[] values = prior;
        int n = values.length;
        while (r.hasMore()) {
            int tag = r.readTag();
            if (tag == (1 << 3 | LEN)) {
                long[] more = r.readPackedVarints();
                values = Arrays.copyOf(values, Math.max(values.length, n + more.length));
                System.arraycopy(more, 0, values, n, more.length);
                n += more.length;
            } else if (tag == (1 << 3 | WireReader.VARINT)) {
                if (n == values.length) {
                    values = Arrays.copyOf(values, Math.max(8, 2 * n));
                }
                values[n++] = r.readVarint();
            } else {
                r.skip(tag);
            }
        }
        return new Feature.Int64List(n == values.length ? values : Arrays.copyOf(values, n));
    }

    private static int kindField(Feature f) {
        return switch (f) {
            case Feature.BytesList b -> 1;
            case Feature.FloatList fl -> 2;
            case Feature.Int64List l -> 3;
            case Feature.KindNotSet k -> 0;
        };
    }

    private static int listPayloadSize(Feature f) {
        return switch (f) {
            case Feature.BytesList b -> {
                long s = 0;
                for (byte[] v : b.values()) {
                    s += WireWriter.lengthDelimitedSize(1, v.length);
                }
                yield Math.toIntExact(s);
            }
            case Feature.FloatList fl -> fl.size() == 0 ? 0 : WireWriter.lengthDelimitedSize(1, Math.multiplyExact(4, fl.size()));
            case Feature.Int64List l -> {
                long s = 0;
                for (long v : l.values()) {
                    s += WireWriter.varintSize(v);
                }
                yield l.size() == 0 ? 0 : WireWriter.lengthDelimitedSize(1, Math.toIntExact(s));
            }
            case Feature.KindNotSet k -> 0;
        };
    }
}
