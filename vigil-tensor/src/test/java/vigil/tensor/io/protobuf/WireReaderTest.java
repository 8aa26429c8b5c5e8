package vigil.tensor.io.protobuf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The wire reader against hand-encoded bytes: every wire type, and every way the bytes can be wrong. */
class WireReaderTest {

    private static WireReader reader(WireWriter b) {
        return new WireReader(b.toByteArray(), "test.bin");
    }

    private static String failure(WireWriter b, Reading r) {
        return assertThrows(ProtobufFormatException.class, () -> r.read(reader(b))).getMessage();
    }

    private interface Reading {
        void read(WireReader r) throws ProtobufFormatException;
    }

    @Test
    void readsMultiByteVarintsUpToSixtyFourBits() throws Exception {
        WireReader r = reader(new WireWriter().varint(1, 300).varint(2, -1L).varint(3, Long.MAX_VALUE));
        assertEquals(1, WireReader.fieldNumber(r.readTag()));
        assertEquals(300, r.readVarint());
        r.readTag();
        assertEquals(-1L, r.readVarint());
        r.readTag();
        assertEquals(Long.MAX_VALUE, r.readVarint());
        assertFalse(r.hasMore());
    }

    @Test
    void readsFixedWidthFloatsAndDoublesLittleEndian() throws Exception {
        WireReader r = reader(new WireWriter().fixed32(5, 1.5f).fixed64(8, -2.25));
        int tag = r.readTag();
        assertEquals(WireReader.FIXED32, WireReader.wireType(tag));
        assertEquals(1.5f, r.readFloat());
        assertEquals(WireReader.FIXED64, WireReader.wireType(r.readTag()));
        assertEquals(-2.25, r.readDouble());
    }

    @Test
    void readsPackedFloatsAndVarints() throws Exception {
        WireReader r = reader(new WireWriter().packedFloats(5, 1f, -0.5f, 3e-8f).packedVarints(1, 1, 3, 640));
        r.readTag();
        assertArrayEquals(new float[] {1f, -0.5f, 3e-8f}, r.readPackedFloats());
        r.readTag();
        assertArrayEquals(new long[] {1, 3, 640}, r.readPackedVarints());
    }

    @Test
    void subMessageReaderCoversOnlyItsBytesAndReportsAbsoluteOffsets() throws Exception {
        WireWriter inner = new WireWriter().string(1, "conv1").varint(2, 7);
        WireReader r = reader(new WireWriter().varint(9, 1).message(100, inner).varint(3, 4));
        r.readTag();
        r.readVarint();
        r.readTag();
        WireReader sub = r.readMessage();
        assertEquals(5, sub.position());
        sub.readTag();
        assertEquals("conv1", sub.readString());
        sub.readTag();
        assertEquals(7, sub.readVarint());
        assertFalse(sub.hasMore());
        assertEquals(3, WireReader.fieldNumber(r.readTag()));
    }

    @Test
    void skipsEveryWireTypeIncludingGroups() throws Exception {
        WireWriter b = new WireWriter().varint(1, 5).fixed64(2, 1.0).string(3, "x").fixed32(4, 2f)
                .tag(6, WireReader.START_GROUP).varint(1, 9).tag(6, WireReader.END_GROUP).varint(15, 42);
        WireReader r = reader(b);
        for (int i = 0; i < 5; i++) {
            r.skip(r.readTag());
        }
        assertEquals(15, WireReader.fieldNumber(r.readTag()));
        assertEquals(42, r.readVarint());
    }

    @Test
    void truncatedVarintNamesItsOffset() {
        String m = failure(new WireWriter().varint(1, 1).raw(0x08, 0xff, 0xff), r -> {
            r.readTag();
            r.readVarint();
            r.readTag();
            r.readVarint();
        });
        assertEquals("test.bin: at byte 3: truncated varint (the data ends at byte 5)", m);
    }

    @Test
    void varintOfElevenBytesIsRefused() {
        String m = failure(new WireWriter().raw(0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01),
                r -> {
                    r.readTag();
                    r.readVarint();
                });
        assertTrue(m.contains("at byte 1: varint longer than 10 bytes"), m);
    }

    @Test
    void negativeLengthIsRefused() {
        WireWriter b = new WireWriter().tag(7, WireReader.LENGTH_DELIMITED).rawVarint(-5L);
        String m = failure(b, r -> r.skip(r.readTag()));
        assertTrue(m.contains("at byte 1: negative or huge length"), m);
    }

    @Test
    void hugeLengthIsRefusedBeforeAnyAllocation() {
        String m = failure(new WireWriter().tag(5, WireReader.LENGTH_DELIMITED).rawVarint(1L << 40).raw(1, 2),
                r -> {
                    r.readTag();
                    r.readPackedFloats();
                });
        assertTrue(m.contains("at byte 1: negative or huge length 1099511627776"), m);
    }

    @Test
    void lengthPastTheEndNamesBothOffsets() {
        String m = failure(new WireWriter().tag(5, WireReader.LENGTH_DELIMITED).rawVarint(12).raw(0, 0, 0, 0),
                r -> {
                    r.readTag();
                    r.readPackedFloats();
                });
        assertEquals("test.bin: at byte 1: length 12 runs past the end of the data (4 bytes left, the enclosing data"
                + " ends at byte 6)", m);
    }

    @Test
    void lengthPastTheEndOfAnEnclosingMessageIsRefused() {
        WireWriter inner = new WireWriter().tag(1, WireReader.LENGTH_DELIMITED).rawVarint(3).raw('a');
        WireWriter outer = new WireWriter().message(7, inner).raw('b', 'c', 'd');
        String m = failure(outer, r -> {
            r.readTag();
            WireReader sub = r.readMessage();
            sub.readTag();
            sub.readString();
        });
        assertTrue(m.contains("at byte 3: length 3 runs past the end of the data (1 bytes left"), m);
    }

    @Test
    void packedFloatsOfOddLengthAreRefused() {
        String m = failure(new WireWriter().bytes(5, new byte[6]), r -> {
            r.readTag();
            r.readPackedFloats();
        });
        assertTrue(m.contains("packed floats of 6 bytes, not a multiple of 4"), m);
    }

    @Test
    void truncatedFixed32IsRefused() {
        String m = failure(new WireWriter().tag(5, WireReader.FIXED32).raw(1, 2), r -> {
            r.readTag();
            r.readFloat();
        });
        assertEquals("test.bin: at byte 1: truncated fixed32 (2 of 4 bytes left)", m);
    }

    @Test
    void invalidWireTypeAndFieldZeroAreRefused() {
        assertTrue(failure(new WireWriter().raw(0x0e), WireReader::readTag)
                .contains("invalid wire type 6 for field 1"));
        assertTrue(failure(new WireWriter().raw(0x00), WireReader::readTag).contains("at byte 0: field number 0"));
    }

    @Test
    void unclosedGroupIsRefused() {
        String m = failure(new WireWriter().tag(6, WireReader.START_GROUP).varint(1, 9), r -> r.skip(r.readTag()));
        assertTrue(m.contains("group of field 6 is never closed"), m);
    }

    @Test
    void readsBytesAsACopyOfThePayload() throws Exception {
        byte[] b = new WireWriter().bytes(1, new byte[] {0, -1, 7}).toByteArray();
        WireReader r = new WireReader(b, "t");
        r.readTag();
        byte[] v = r.readBytes();
        assertArrayEquals(new byte[] {0, -1, 7}, v);
        v[0] = 9;
        assertEquals(0, b[2]);
        assertFalse(r.hasMore());
    }

    @Test
    void strictStringRefusesMalformedUtf8() throws Exception {
        WireReader ok = reader(new WireWriter().string(1, "ключ ✓"));
        ok.readTag();
        assertEquals("ключ ✓", ok.readStrictString());
        String m = failure(new WireWriter().bytes(1, new byte[] {'a', (byte) 0xff}), r -> {
            r.readTag();
            r.readStrictString();
        });
        assertEquals("test.bin: at byte 1: string field of 2 bytes is not valid UTF-8", m);
    }
}
