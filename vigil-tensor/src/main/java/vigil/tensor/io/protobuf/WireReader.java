package vigil.tensor.io.protobuf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the protobuf binary wire format from a byte array, one field at a time, without a schema.
 * A reader covers [start, end) of the array; a length-delimited field yields a sub-reader over its
 * bytes. Every length is checked against the bytes left, and every error names the source and the
 * absolute byte offset, so a truncated or corrupt file fails where it goes wrong.
 *
 * <p>Usage: {@code while (r.hasMore()) { int tag = r.readTag(); switch (WireReader.fieldNumber(tag)) ... }},
 * calling {@link #skip(int)} with the tag for fields the caller does not want.
 */
public final class WireReader {
    public static final int VARINT = 0;
    public static final int FIXED64 = 1;
    public static final int LENGTH_DELIMITED = 2;
    public static final int START_GROUP = 3;
    public static final int END_GROUP = 4;
    public static final int FIXED32 = 5;

    /** Groups nested deeper than this are refused (the format is deprecated; real files have none). */
    private static final int MAX_GROUP_DEPTH = 64;

    private final byte[] bytes;
    private final String source;
    private final int end;
    private int pos;

    public WireReader(byte[] bytes, String source) {
        this(bytes, source, 0, bytes.length);
    }

    private WireReader(byte[] bytes, String source, int start, int end) {
        this.bytes = bytes;
        this.source = source;
        this.pos = start;
        this.end = end;
    }

    public static int fieldNumber(int tag) {
        return tag >>> 3;
    }

    public static int wireType(int tag) {
        return tag & 7;
    }

    public boolean hasMore() {
        return pos < end;
    }

    /** The absolute offset of the next byte. */
    public int position() {
        return pos;
    }

    public String source() {
        return source;
    }

    public ProtobufFormatException error(int offset, String what) {
        return new ProtobufFormatException(source + ": at byte " + offset + ": " + what);
    }

    /** Reads a field key; refuses field number 0 and the wire types 6 and 7, which do not exist. */
    public int readTag() throws ProtobufFormatException {
        int at = pos;
        long key = readVarint();
        if (key > Integer.MAX_VALUE || key < 0) {
            throw error(at, "field key " + Long.toUnsignedString(key) + " is out of range");
        }
        int tag = (int) key;
        if (fieldNumber(tag) == 0) {
            throw error(at, "field number 0 (not a protobuf message, or corrupt)");
        }
        if (wireType(tag) > FIXED32) {
            throw error(at, "invalid wire type " + wireType(tag) + " for field " + fieldNumber(tag));
        }
        return tag;
    }

    /** A base-128 varint of at most 10 bytes, as an unsigned 64-bit pattern. */
    public long readVarint() throws ProtobufFormatException {
        int at = pos;
        long v = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (pos >= end) {
                throw error(at, "truncated varint (the data ends at byte " + end + ")");
            }
            byte b = bytes[pos++];
            v |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw error(at, "varint longer than 10 bytes");
    }

    public int readFixed32() throws ProtobufFormatException {
        require(4, "fixed32");
        int v = ByteBuffer.wrap(bytes, pos, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        pos += 4;
        return v;
    }

    public long readFixed64() throws ProtobufFormatException {
        require(8, "fixed64");
        long v = ByteBuffer.wrap(bytes, pos, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        pos += 8;
        return v;
    }

    public float readFloat() throws ProtobufFormatException {
        return Float.intBitsToFloat(readFixed32());
    }

    public double readDouble() throws ProtobufFormatException {
        return Double.longBitsToDouble(readFixed64());
    }

    /** A length-delimited field's payload as a sub-reader; this reader moves past it. */
    public WireReader readMessage() throws ProtobufFormatException {
        int len = readLength();
        WireReader sub = new WireReader(bytes, source, pos, pos + len);
        pos += len;
        return sub;
    }

    /** A length-delimited field's payload, copied. */
    public byte[] readBytes() throws ProtobufFormatException {
        int len = readLength();
        byte[] out = Arrays.copyOfRange(bytes, pos, pos + len);
        pos += len;
        return out;
    }

    /** A length-delimited field as UTF-8 text, refusing malformed UTF-8 (as proto3 parsers do for string fields). */
    public String readStrictString() throws ProtobufFormatException {
        int at = pos;
        int len = readLength();
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, pos, len)).toString();
            pos += len;
            return s;
        } catch (CharacterCodingException e) {
            throw error(at, "string field of " + len + " bytes is not valid UTF-8");
        }
    }

    /** A length-delimited field as UTF-8 text. */
    public String readString() throws ProtobufFormatException {
        int len = readLength();
        String s = new String(bytes, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }

    /** A packed repeated float field's values (the length must be a multiple of 4). */
    public float[] readPackedFloats() throws ProtobufFormatException {
        int at = pos;
        int len = readLength();
        if (len % 4 != 0) {
            throw error(at, "packed floats of " + len + " bytes, not a multiple of 4");
        }
        float[] out = new float[len / 4];
        ByteBuffer.wrap(bytes, pos, len).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        pos += len;
        return out;
    }

    /** A packed repeated double field's values (the length must be a multiple of 8). */
    public double[] readPackedDoubles() throws ProtobufFormatException {
        int at = pos;
        int len = readLength();
        if (len % 8 != 0) {
            throw error(at, "packed doubles of " + len + " bytes, not a multiple of 8");
        }
        double[] out = new double[len / 8];
        ByteBuffer.wrap(bytes, pos, len).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
        pos += len;
        return out;
    }

    /** A packed repeated varint field's values. */
    public long[] readPackedVarints() throws ProtobufFormatException {
        WireReader sub = readMessage();
        long[] out = new long[8];
        int n = 0;
        while (sub.hasMore()) {
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = sub.readVarint();
        }
        return Arrays.copyOf(out, n);
    }

    /** Skips the value of a field whose tag was just read. */
    public void skip(int tag) throws ProtobufFormatException {
        skip(tag, 0);
    }

    private void skip(int tag, int depth) throws ProtobufFormatException {
        switch (wireType(tag)) {
            case VARINT -> readVarint();
            case FIXED64 -> {
                require(8, "fixed64");
                pos += 8;
            }
            case FIXED32 -> {
                require(4, "fixed32");
                pos += 4;
            }
            case LENGTH_DELIMITED -> {
                int len = readLength();
                pos += len;
            }
            case START_GROUP -> skipGroup(fieldNumber(tag), depth);
            default -> throw error(pos, "unexpected end-group marker for field " + fieldNumber(tag));
        }
    }

    private void skipGroup(int field, int depth) throws ProtobufFormatException {
        int at = pos;
        if (depth >= MAX_GROUP_DEPTH) {
            throw error(at, "groups nested more than " + MAX_GROUP_DEPTH + " deep");
        }
        while (true) {
            if (!hasMore()) {
                throw error(at, "group of field " + field + " is never closed");
            }
            int tag = readTag();
            if (wireType(tag) == END_GROUP) {
                if (fieldNumber(tag) != field) {
                    throw error(pos, "end-group for field " + fieldNumber(tag) + " inside group " + field);
                }
                return;
            }
            skip(tag, depth + 1);
        }
    }

    // A length prefix: refused when negative (as int32) or longer than the bytes left in this reader.
    private int readLength() throws ProtobufFormatException {
        int at = pos;
        long len = readVarint();
        if (len < 0 || len > Integer.MAX_VALUE) {
            throw error(at, "negative or huge length " + (len < 0 ? Long.toUnsignedString(len) : len));
        }
        if (len > end - pos) {
            throw error(at, "length " + len + " runs past the end of the data (" + (end - pos)
                    + " bytes left, the enclosing data ends at byte " + end + ")");
        }
        return (int) len;
    }

    private void require(int n, String what) throws ProtobufFormatException {
        if (end - pos < n) {
            throw error(pos, "truncated " + what + " (" + (end - pos) + " of " + n + " bytes left)");
        }
    }
}
