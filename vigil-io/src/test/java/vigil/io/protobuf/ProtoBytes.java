package vigil.io.protobuf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes protobuf wire format by hand, for building test messages (valid ones and broken ones). */
public final class ProtoBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public ProtoBytes raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    public ProtoBytes rawVarint(long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
        return this;
    }

    public ProtoBytes tag(int field, int wireType) {
        return rawVarint(((long) field << 3) | wireType);
    }

    public ProtoBytes varint(int field, long v) {
        return tag(field, WireReader.VARINT).rawVarint(v);
    }

    public ProtoBytes fixed32(int field, float v) {
        tag(field, WireReader.FIXED32);
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(v).array());
        return this;
    }

    public ProtoBytes fixed64(int field, double v) {
        tag(field, WireReader.FIXED64);
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(v).array());
        return this;
    }

    public ProtoBytes bytes(int field, byte[] payload) {
        tag(field, WireReader.LENGTH_DELIMITED).rawVarint(payload.length);
        out.writeBytes(payload);
        return this;
    }

    public ProtoBytes string(int field, String s) {
        return bytes(field, s.getBytes(StandardCharsets.UTF_8));
    }

    public ProtoBytes message(int field, ProtoBytes m) {
        return bytes(field, m.toByteArray());
    }

    public ProtoBytes packedFloats(int field, float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return bytes(field, b.array());
    }

    public ProtoBytes packedVarints(int field, long... v) {
        ProtoBytes p = new ProtoBytes();
        for (long x : v) {
            p.rawVarint(x);
        }
        return bytes(field, p.toByteArray());
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
