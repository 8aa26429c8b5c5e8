package vigil.data.tfrecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.data.tfrecord.TfRecordCorruptException.Reason;

/** A length field (with a valid checksum) claiming absurd sizes never makes the reader allocate them. */
class TfRecordHugeLengthTest {
    @TempDir
    Path tmp;

    // A header with a valid length checksum, then `tail` bytes of data: a crafted or damaged file.
    private static byte[] headerClaiming(long length, int tail) {
        byte[] b = new byte[12 + tail];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (length >>> (8 * i));
        }
        int crc = MaskedCrc32c.of(b, 0, 8);
        for (int i = 0; i < 4; i++) {
            b[8 + i] = (byte) (crc >>> (8 * i));
        }
        return b;
    }

    private static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(b);
        }
        return out.toByteArray();
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private TfRecordCorruptException readFails(byte[] content, TfRecordReadOptions options) throws Exception {
        Path f = tmp.resolve("huge.tfrecord");
        Files.write(f, content);
        long before = allocated();
        TfRecordCorruptException e = assertThrows(TfRecordCorruptException.class, () -> {
            try (TfRecordReader r = TfRecordReader.open(f, options)) {
                r.next();
            }
        });
        long used = allocated() - before;
        assertTrue(used < 4 << 20, "allocated " + used + " bytes");
        return e;
    }

    @Test
    void lengthPastTheEndOfAnUncompressedFileIsATruncationFoundBeforeReading() throws Exception {
        TfRecordCorruptException e = readFails(headerClaiming(1L << 62, 100), TfRecordReadOptions.DEFAULTS);
        assertEquals(Reason.TRUNCATED, e.reason());
        assertTrue(e.getMessage().contains("record of 4611686018427387904 bytes, but only 100 bytes left"), e.getMessage());
    }

    @Test
    void unsignedLengthOverTwoToTheSixtyThreeIsRefused() throws Exception {
        TfRecordCorruptException e = readFails(gzip(headerClaiming(-2L, 10)), TfRecordReadOptions.DEFAULTS);
        assertEquals(Reason.TOO_LONG, e.reason());
        assertTrue(e.getMessage().contains("18446744073709551614 bytes"), e.getMessage());
    }

    @Test
    void lengthOverTheLimitInACompressedFileIsRefusedWithoutAllocating() throws Exception {
        TfRecordCorruptException e = readFails(gzip(headerClaiming(1L << 40, 10)), TfRecordReadOptions.DEFAULTS);
        assertEquals(Reason.TOO_LONG, e.reason());
    }

    @Test
    void lengthUnderTheLimitButPastTheStreamEndAllocatesOnlyWhatArrives() throws Exception {
        TfRecordReadOptions noLimit = TfRecordReadOptions.DEFAULTS.withMaxRecordBytes(Integer.MAX_VALUE - 64);
        TfRecordCorruptException e = readFails(gzip(headerClaiming(1_500_000_000L, 1000)), noLimit);
        assertEquals(Reason.TRUNCATED, e.reason());
        assertEquals(0, e.offset());
    }

    @Test
    void skipCorruptSkipsARecordOverTheLimitAndGoesOn() throws Exception {
        Path f = tmp.resolve("big.tfrecord");
        try (TfRecordWriter w = TfRecordWriter.create(f, TfRecordCompression.ZLIB)) {
            w.write(new byte[5000]);
            w.write(new byte[] {7});
        }
        TfRecordReadOptions small = TfRecordReadOptions.DEFAULTS.withMaxRecordBytes(1000).withSkipCorrupt(true);
        try (TfRecordReader r = TfRecordReader.open(f, small)) {
            TfRecord rec = r.next();
            assertEquals(5016, rec.offset());
            assertEquals(7, rec.data()[0]);
            assertNull(r.next());
            assertEquals(1, r.corruptCount());
            assertEquals(Reason.TOO_LONG, r.corruptions().get(0).reason());
        }
    }
}
