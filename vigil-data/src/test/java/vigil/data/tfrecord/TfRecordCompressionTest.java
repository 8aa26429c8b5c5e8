package vigil.data.tfrecord;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detecting a file's compression from its first bytes. */
class TfRecordCompressionTest {
    @TempDir
    Path tmp;

    @Test
    void pythonWrittenFixturesAreDetected() throws Exception {
        Path dir = Path.of(TfRecordCompressionTest.class.getResource("/tfrecord/python").toURI());
        assertEquals(TfRecordCompression.NONE, TfRecordCompression.detect(dir.resolve("examples.tfrecord")));
        assertEquals(TfRecordCompression.GZIP, TfRecordCompression.detect(dir.resolve("examples.tfrecord.gz")));
        assertEquals(TfRecordCompression.ZLIB, TfRecordCompression.detect(dir.resolve("examples.tfrecord.zlib")));
    }

    @Test
    void unknownAndTinyContentIsReadAsUncompressed() {
        assertEquals(TfRecordCompression.NONE, TfRecordCompression.detect(new byte[0], 0));
        assertEquals(TfRecordCompression.NONE, TfRecordCompression.detect(new byte[] {0x1f, (byte) 0x8b, 8}, 3));
        assertEquals(TfRecordCompression.NONE, TfRecordCompression.detect("hello world!".getBytes(), 12));
    }

    @Test
    void damagedFirstHeaderWhoseLengthLooksLikeAZlibHeaderIsStillUncompressed() throws Exception {
        // A 376-byte record: its length starts 78 01, a valid zlib header; with the length checksum damaged
        // only the inflate check tells the file is not zlib, so skip-corrupt can resynchronise to record 2.
        Path f = TfRecordRoundTripTest.write(tmp.resolve("r"), TfRecordCompression.NONE, List.of(new byte[376], new byte[] {5}));
        byte[] b = Files.readAllBytes(f);
        assertEquals(0x78, b[0] & 0xff);
        assertEquals(0x01, b[1]);
        b[8] ^= 1;
        Files.write(f, b);
        assertEquals(TfRecordCompression.NONE, TfRecordCompression.detect(f));
        try (TfRecordReader r = TfRecordReader.open(f, TfRecordReadOptions.DEFAULTS.withSkipCorrupt(true))) {
            assertArrayEquals(new byte[] {5}, r.next().data());
            assertEquals(1, r.corruptCount());
        }
    }
}
