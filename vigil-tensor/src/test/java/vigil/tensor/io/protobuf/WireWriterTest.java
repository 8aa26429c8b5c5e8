package vigil.tensor.io.protobuf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/** The wire writer against bytes from the protobuf encoding spec, and read back by the wire reader. */
class WireWriterTest {

    @Test
    void encodesVarintsAsTheSpecExamples() {
        // protobuf.dev/programming-guides/encoding: 150 in field 1 is 08 96 01; -1 as int64 takes 10 bytes.
        assertArrayEquals(new byte[] {0x08, (byte) 0x96, 0x01}, new WireWriter().varint(1, 150).toByteArray());
        byte[] minusOne = new WireWriter().rawVarint(-1L).toByteArray();
        assertEquals(10, minusOne.length);
        assertEquals(0x01, minusOne[9]);
    }

    @Test
    void varintSizeMatchesTheBytesWritten() {
        long[] values = {0, 1, 127, 128, 16383, 16384, 1L << 35, Long.MAX_VALUE, -1L, Long.MIN_VALUE};
        for (long v : values) {
            assertEquals(new WireWriter().rawVarint(v).size(), WireWriter.varintSize(v), "value " + v);
        }
        assertEquals(new WireWriter().bytes(17, new byte[300]).size(), WireWriter.lengthDelimitedSize(17, 300));
    }

    @Test
    void packedFieldsReadBackBitForBit() throws Exception {
        float nanWithPayload = Float.intBitsToFloat(0x7fc01234);
        byte[] b = new WireWriter().packedFloats(1, 1.5f, -0f, nanWithPayload).packedVarints(2, 0, -7, 1L << 40)
                .string(3, "ünï").toByteArray();
        WireReader r = new WireReader(b, "w");
        r.readTag();
        float[] f = r.readPackedFloats();
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(f[1]));
        assertEquals(0x7fc01234, Float.floatToRawIntBits(f[2]));
        r.readTag();
        assertArrayEquals(new long[] {0, -7, 1L << 40}, r.readPackedVarints());
        r.readTag();
        assertEquals("ünï", r.readString());
        assertFalse(r.hasMore());
    }

    @Test
    void nestedMessageIsLengthPrefixed() throws Exception {
        WireWriter inner = new WireWriter().fixed64(1, -2.25).fixed32(2, 3f);
        WireReader r = new WireReader(new WireWriter().message(9, inner).toByteArray(), "w");
        assertEquals(WireReader.LENGTH_DELIMITED, WireReader.wireType(r.readTag()));
        WireReader sub = r.readMessage();
        sub.readTag();
        assertEquals(-2.25, sub.readDouble());
        sub.readTag();
        assertEquals(3f, sub.readFloat());
        assertFalse(r.hasMore());
    }
}
