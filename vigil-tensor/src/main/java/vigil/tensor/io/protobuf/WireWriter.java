package vigil.tensor.io.protobuf;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes the protobuf binary wire format into a growing byte array, one field at a time, without a
 * schema: the counterpart of {@link WireReader}. Repeated numeric fields are written packed, as
 * protoc-generated code does for proto3. {@link #raw} and {@link #rawVarint} write unframed bytes,
 * for callers that frame nested messages themselves (using {@link #varintSize}) and for tests that
 * build deliberately broken input.
 */
public final class WireWriter {
    private byte[] buf;
    private int size;

    public WireWriter() {
        this(64);
    }

    public WireWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** Bytes a base-128 varint of this unsigned 64-bit pattern takes (1..10). */
    public static int varintSize(long v) {
        int n = 1;
        while ((v & ~0x7fL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    /** Bytes a field key for this field number takes. */
    public static int tagSize(int field) {
        return varintSize((long) field << 3);
    }

    /** Bytes a length-delimited field of this payload length takes, key and length prefix included. */
    public static int lengthDelimitedSize(int field, int payloadLength) {
        return tagSize(field) + varintSize(payloadLength) + payloadLength;
    }

    public WireWriter raw(int... bytes) {
        ensure(bytes.length);
        for (int b : bytes) {
            buf[size++] = (byte) b;
        }
        return this;
    }

    public WireWriter raw(byte[] bytes) {
        return raw(bytes, 0, bytes.length);
    }

    public WireWriter raw(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, size, length);
        size += length;
        return this;
    }

    public WireWriter rawVarint(long v) {
        ensure(10);
        while ((v & ~0x7fL) != 0) {
            buf[size++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
        return this;
    }

    public WireWriter rawFixed32(int v) {
        ensure(4);
        buf[size++] = (byte) v;
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 24);
        return this;
    }

    public WireWriter rawFixed64(long v) {
        rawFixed32((int) v);
        return rawFixed32((int) (v >>> 32));
    }

    public WireWriter tag(int field, int wireType) {
        return rawVarint(((long) field << 3) | wireType);
    }

    /** A varint field; negative int32/int64 values take 10 bytes, as protobuf encodes them. */
    public WireWriter varint(int field, long v) {
        return tag(field, WireReader.VARINT).rawVarint(v);
    }

    public WireWriter fixed32(int field, float v) {
        return tag(field, WireReader.FIXED32).rawFixed32(Float.floatToRawIntBits(v));
    }

    public WireWriter fixed64(int field, double v) {
        return tag(field, WireReader.FIXED64).rawFixed64(Double.doubleToRawLongBits(v));
    }

    public WireWriter bytes(int field, byte[] payload) {
        return bytes(field, payload, 0, payload.length);
    }

    public WireWriter bytes(int field, byte[] payload, int offset, int length) {
        tag(field, WireReader.LENGTH_DELIMITED).rawVarint(length);
        return raw(payload, offset, length);
    }

    public WireWriter string(int field, String s) {
        return bytes(field, s.getBytes(StandardCharsets.UTF_8));
    }

    public WireWriter message(int field, WireWriter m) {
        return bytes(field, m.buf, 0, m.size);
    }

    /** A packed repeated float field (little-endian IEEE 754, 4 bytes each); raw bits, so NaNs keep their payload. */
    public WireWriter packedFloats(int field, float... v) {
        tag(field, WireReader.LENGTH_DELIMITED).rawVarint(4L * v.length);
        ensure(4 * v.length);
        for (float f : v) {
            rawFixed32(Float.floatToRawIntBits(f));
        }
        return this;
    }

    /** A packed repeated varint field (int32 / int64 / uint64 / bool). */
    public WireWriter packedVarints(int field, long... v) {
        int len = 0;
        for (long x : v) {
            len += varintSize(x);
        }
        tag(field, WireReader.LENGTH_DELIMITED).rawVarint(len);
        for (long x : v) {
            rawVarint(x);
        }
        return this;
    }

    /** Bytes written so far. */
    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, size);
    }

    private void ensure(int more) {
        if (buf.length - size < more) {
            long want = Math.max((long) buf.length * 2, (long) size + more);
            if (want > Integer.MAX_VALUE - 8) {
                if ((long) size + more > Integer.MAX_VALUE - 8) {
                    throw new IllegalStateException("protobuf message over 2 GiB");
                }
                want = Integer.MAX_VALUE - 8;
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }
}
