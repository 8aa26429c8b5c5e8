package vigil.data.example;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * One value list of a {@code tf.train.Example}: TensorFlow's {@code Feature} message, whose
 * {@code oneof kind} is a BytesList, a FloatList, an Int64List, or nothing at all.
 * The arrays are not copied: a feature owns them, and callers must not change them.
 */
public sealed interface Feature {

    /** Number of values (0 for {@link KindNotSet}). */
    int size();

    /** "bytes", "float", "int64", or "none" for {@link KindNotSet}. */
    String typeName();

    static BytesList bytes(byte[]... values) {
        return new BytesList(List.of(values));
    }

    /** UTF-8 encoded strings, as TensorFlow stores text. */
    static BytesList strings(String... values) {
        List<byte[]> out = new ArrayList<>(values.length);
        for (String v : values) {
            out.add(v.getBytes(StandardCharsets.UTF_8));
        }
        return new BytesList(out);
    }

    static FloatList floats(float... values) {
        return new FloatList(values);
    }

    static Int64List int64s(long... values) {
        return new Int64List(values);
    }

    /** {@code BytesList { repeated bytes value = 1; }} */
    record BytesList(List<byte[]> values) implements Feature {
        public BytesList {
            values = List.copyOf(values);
        }

        @Override
        public int size() {
            return values.size();
        }

        @Override
        public String typeName() {
            return "bytes";
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof BytesList b) || b.values.size() != values.size()) {
                return false;
            }
            for (int i = 0; i < values.size(); i++) {
                if (!Arrays.equals(values.get(i), b.values.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = 1;
            for (byte[] v : values) {
                h = 31 * h + Arrays.hashCode(v);
            }
            return h;
        }

        @Override
        public String toString() {
            List<String> shown = new ArrayList<>();
            for (byte[] v : values) {
                shown.add(Base64.getEncoder().encodeToString(v));
            }
            return "BytesList(base64 " + shown + ")";
        }
    }

    /** {@code FloatList { repeated float value = 1 [packed = true]; }} */
    record FloatList(float[] values) implements Feature {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        public String typeName() {
            return "float";
        }

        /** Bit-for-bit, so NaN payloads and -0 count. */
        @Override
        public boolean equals(Object o) {
            if (!(o instanceof FloatList f) || f.values.length != values.length) {
                return false;
            }
            for (int i = 0; i < values.length; i++) {
                if (Float.floatToRawIntBits(values[i]) != Float.floatToRawIntBits(f.values[i])) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "FloatList" + Arrays.toString(values);
        }
    }

    /** {@code Int64List { repeated int64 value = 1 [packed = true]; }} */
    record Int64List(long[] values) implements Feature {
        @Override
        public int size() {
            return values.length;
        }

        @Override
        public String typeName() {
            return "int64";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Int64List l && Arrays.equals(values, l.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }

        @Override
        public String toString() {
            return "Int64List" + Arrays.toString(values);
        }
    }

    /** A Feature message with no kind set ({@code tf.train.Feature()}); TensorFlow reads it as no values. */
    record KindNotSet() implements Feature {
        @Override
        public int size() {
            return 0;
        }

        @Override
        public String typeName() {
            return "none";
        }
    }
}
