package vigil.quant.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import vigil.tensor.io.protobuf.WireReader;

/**
 * An ONNX TensorProto read from a test case's input_N.pb / output_0.pb: dims (1), data_type (2),
 * float_data (4), int32_data (5, also holding uint8/int8), int64_data (7), name (8), raw_data (9,
 * little-endian). Values come back as doubles (exact for every type used here) with the shape.
 */
public record OnnxTensor(String name, int dataType, int[] shape, double[] values) {
    public static final int FLOAT = 1;
    public static final int UINT8 = 2;
    public static final int INT8 = 3;
    public static final int INT32 = 6;
    public static final int INT64 = 7;

    public static OnnxTensor read(Path file) throws IOException {
        return parse(new WireReader(Files.readAllBytes(file), file.toString()));
    }

    static OnnxTensor parse(WireReader r) throws IOException {
        long[] dims = new long[0];
        int type = 0;
        String name = "";
        double[] listed = new double[0];
        byte[] raw = null;
        while (r.hasMore()) {
            int tag = r.readTag();
            boolean packed = WireReader.wireType(tag) == WireReader.LENGTH_DELIMITED;
            switch (WireReader.fieldNumber(tag)) {
                case 1 -> dims = append(dims, packed ? r.readPackedVarints() : new long[] {r.readVarint()});
                case 2 -> type = (int) r.readVarint();
                case 4 -> {
                    float[] f = packed ? r.readPackedFloats() : new float[] {r.readFloat()};
                    double[] d = new double[f.length];
                    for (int i = 0; i < f.length; i++) {
                        d[i] = f[i];
                    }
                    listed = concat(listed, d);
                }
                case 5 -> listed = concat(listed, toInts(packed ? r.readPackedVarints() : new long[] {r.readVarint()}));
                case 7 -> listed = concat(listed, toLongs(packed ? r.readPackedVarints() : new long[] {r.readVarint()}));
                case 8 -> name = r.readString();
                case 9 -> raw = r.readBytes();
                default -> r.skip(tag);
            }
        }
        int[] shape = new int[dims.length];
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            shape[i] = Math.toIntExact(dims[i]);
            count *= shape[i];
        }
        double[] values = raw != null ? decodeRaw(raw, type, r.source()) : listed;
        if (values.length != count) {
            throw new IOException(r.source() + ": tensor " + name + " has " + values.length + " values for shape "
                    + Arrays.toString(shape));
        }
        return new OnnxTensor(name, type, shape, values);
    }

    public float[] floats() {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    public int[] ints() {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (int) values[i];
        }
        return out;
    }

    /** Integer values as stored codes (one byte each). */
    public byte[] codes() {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) (int) values[i];
        }
        return out;
    }

    private static double[] decodeRaw(byte[] raw, int type, String source) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        return switch (type) {
            case FLOAT -> fill(raw.length / 4, i -> b.getFloat(4 * i));
            case UINT8 -> fill(raw.length, i -> raw[i] & 0xff);
            case INT8 -> fill(raw.length, i -> raw[i]);
            case INT32 -> fill(raw.length / 4, i -> b.getInt(4 * i));
            case INT64 -> fill(raw.length / 8, i -> b.getLong(8 * i));
            default -> throw new IOException(source + ": raw_data of unsupported data_type " + type);
        };
    }

    private static double[] fill(int n, java.util.function.IntToDoubleFunction f) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = f.applyAsDouble(i);
        }
        return d;
    }

    private static double[] toInts(long[] v) {
        return fill(v.length, i -> (int) v[i]);
    }

    private static double[] toLongs(long[] v) {
        return fill(v.length, i -> v[i]);
    }

    private static long[] append(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
