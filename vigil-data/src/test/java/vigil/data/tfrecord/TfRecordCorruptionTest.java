package vigil.data.tfrecord;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vigil.data.tfrecord.TfRecordCorruptException.Reason;

/**
 * Every single damaged byte and every truncation of a small file is either reported or harmless:
 * the reader never returns a record that differs from what was written.
 */
class TfRecordCorruptionTest {
    private static final List<byte[]> RECORDS = List.of(
            new byte[] {10, 11, 12, 13, 14}, new byte[0], new byte[] {20, 21, 22, 23, 24, 25, 26, 27, 28},
            new byte[] {30, 31}, new byte[] {40, 41, 42});
    private static final int[] FLIPS = {0x01, 0x80, 0xff};

    @TempDir
    Path tmp;

    private record Outcome(List<byte[]> records, TfRecordCorruptException error, int corruptCount) {
    }

    private Outcome read(byte[] file, TfRecordReadOptions options) throws Exception {
        Path f = tmp.resolve("damaged.tfrecord");
        Files.write(f, file);
        List<byte[]> got = new ArrayList<>();
        try (TfRecordReader r = TfRecordReader.open(f, options)) {
            try {
                for (TfRecord rec; (rec = r.next()) != null; ) {
                    got.add(rec.data());
                }
            } catch (TfRecordCorruptException e) {
                return new Outcome(got, e, r.corruptCount());
            }
            return new Outcome(got, null, r.corruptCount());
        } catch (TfRecordCorruptException e) {
            return new Outcome(got, e, 0);
        }
    }

    private byte[] file(TfRecordCompression c) throws Exception {
        return Files.readAllBytes(TfRecordRoundTripTest.write(tmp.resolve("clean." + c), c, RECORDS));
    }

    private static long[] recordStarts() {
        long[] starts = new long[RECORDS.size() + 1];
        for (int i = 0; i < RECORDS.size(); i++) {
            starts[i + 1] = starts[i] + 16 + RECORDS.get(i).length;
        }
        return starts;
    }

    private static int recordContaining(long pos) {
        long[] starts = recordStarts();
        int i = 0;
        while (starts[i + 1] <= pos) {
            i++;
        }
        return i;
    }

    private static void assertPrefix(List<byte[]> got, int n, String what) {
        assertEquals(n, got.size(), what);
        for (int i = 0; i < n; i++) {
            assertArrayEquals(RECORDS.get(i), got.get(i), what + ": record " + i);
        }
    }

    @Test
    void everyFlippedByteOfAnUncompressedFileIsReportedAtItsRecord() throws Exception {
        byte[] clean = file(TfRecordCompression.NONE);
        for (int pos = 0; pos < clean.length; pos++) {
            for (int flip : FLIPS) {
                byte[] b = clean.clone();
                b[pos] ^= (byte) flip;
                String what = "byte " + pos + " ^ " + flip;
                Outcome o = read(b, TfRecordReadOptions.DEFAULTS);
                if (o.error() == null) {
                    fail(what + " was accepted");
                }
                int k = recordContaining(pos);
                assertEquals(recordStarts()[k], o.error().offset(), what);
                assertPrefix(o.records(), k, what);
            }
        }
    }

    @Test
    void withSkipCorruptEveryFlippedByteLosesOnlyItsOwnRecord() throws Exception {
        byte[] clean = file(TfRecordCompression.NONE);
        TfRecordReadOptions skip = TfRecordReadOptions.DEFAULTS.withSkipCorrupt(true); // compression detected
        for (int pos = 0; pos < clean.length; pos++) {
            byte[] b = clean.clone();
            b[pos] ^= (byte) 0x80;
            Outcome o = read(b, skip);
            String what = "byte " + pos;
            assertEquals(null, o.error(), what);
            assertEquals(1, o.corruptCount(), what);
            List<byte[]> expected = new ArrayList<>(RECORDS);
            expected.remove(recordContaining(pos));
            assertEquals(expected.size(), o.records().size(), what);
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), o.records().get(i), what + ": record " + i);
            }
        }
    }

    @Test
    void everyTruncationOfAnUncompressedFileIsReportedUnlessItFallsBetweenRecords() throws Exception {
        byte[] clean = file(TfRecordCompression.NONE);
        long[] starts = recordStarts();
        for (int cut = 0; cut < clean.length; cut++) {
            Outcome o = read(Arrays.copyOf(clean, cut), TfRecordReadOptions.DEFAULTS);
            int k = recordContaining(cut);
            String what = "cut at " + cut;
            if (starts[k] == cut) {
                assertEquals(null, o.error(), what + " (between records: a valid shorter file)");
            } else {
                assertEquals(Reason.TRUNCATED, o.error().reason(), what);
                assertEquals(starts[k], o.error().offset(), what);
            }
            assertPrefix(o.records(), k, what);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TfRecordCompression.class, names = {"GZIP", "ZLIB"})
    void everyTruncationOfACompressedFileIsReported(TfRecordCompression c) throws Exception {
        byte[] clean = file(c);
        for (int cut = 1; cut < clean.length; cut++) {
            Outcome o = read(Arrays.copyOf(clean, cut), TfRecordReadOptions.DEFAULTS.withCompression(c));
            String what = c + " cut at " + cut;
            assertTrue(o.error() != null, what + " was accepted");
            assertPrefix(o.records(), o.records().size(), what);
        }
    }

    @ParameterizedTest
    @EnumSource(value = TfRecordCompression.class, names = {"GZIP", "ZLIB"})
    void everyFlippedByteOfACompressedFileIsReportedOrHarmless(TfRecordCompression c) throws Exception {
        byte[] clean = file(c);
        Set<Integer> accepted = new TreeSet<>();
        for (int pos = 0; pos < clean.length; pos++) {
            for (int flip : FLIPS) {
                byte[] b = clean.clone();
                b[pos] ^= (byte) flip;
                Outcome o = read(b, TfRecordReadOptions.DEFAULTS.withCompression(c));
                String what = c + " byte " + pos + " ^ " + flip;
                if (o.error() == null) {
                    assertPrefix(o.records(), RECORDS.size(), what + " accepted with other values");
                    accepted.add(pos);
                } else {
                    assertPrefix(o.records(), o.records().size(), what);
                }
            }
        }
        // Only gzip's unchecked header fields may change unnoticed: FLG's FTEXT bit, MTIME, XFL, OS.
        Set<Integer> harmless = c == TfRecordCompression.GZIP ? Set.of(3, 4, 5, 6, 7, 8, 9) : Set.of();
        assertTrue(harmless.containsAll(accepted), c + ": accepted flips at " + accepted);
    }

    @Test
    void badLengthChecksumIsReportedWithFileAndOffset() throws Exception {
        byte[] b = file(TfRecordCompression.NONE);
        b[(int) recordStarts()[2] + 1] ^= 4;
        Outcome o = read(b, TfRecordReadOptions.DEFAULTS);
        assertEquals(Reason.LENGTH_CRC, o.error().reason());
        assertEquals(tmp.resolve("damaged.tfrecord"), o.error().path());
        assertEquals(tmp.resolve("damaged.tfrecord") + ": corrupt record at byte 37: bad length checksum"
                + " (length bytes do not match their checksum)", o.error().getMessage());
    }

    @Test
    void skipCorruptResynchronisesAfterABadLengthAndCountsOnce() throws Exception {
        byte[] b = file(TfRecordCompression.NONE);
        b[(int) recordStarts()[1]] ^= 0x40;
        b[(int) recordStarts()[3] + 13] ^= 0x40;
        Outcome o = read(b, TfRecordReadOptions.DEFAULTS.withSkipCorrupt(true));
        assertEquals(2, o.corruptCount());
        assertEquals(3, o.records().size());
        assertArrayEquals(RECORDS.get(0), o.records().get(0));
        assertArrayEquals(RECORDS.get(2), o.records().get(1));
        assertArrayEquals(RECORDS.get(4), o.records().get(2));
    }

    @Test
    void skipCorruptKeepsEachCorruptionWithItsReason() throws Exception {
        Path f = tmp.resolve("two.tfrecord");
        byte[] b = file(TfRecordCompression.NONE);
        b[(int) recordStarts()[2] + 14] ^= 1;
        Files.write(f, Arrays.copyOf(b, b.length - 2));
        try (TfRecordReader r = TfRecordReader.open(f, TfRecordReadOptions.DEFAULTS.withSkipCorrupt(true))) {
            int n = 0;
            while (r.next() != null) {
                n++;
            }
            assertEquals(3, n);
            assertEquals(2, r.corruptCount());
            assertEquals(Reason.DATA_CRC, r.corruptions().get(0).reason());
            assertEquals(recordStarts()[2], r.corruptions().get(0).offset());
            assertEquals(Reason.TRUNCATED, r.corruptions().get(1).reason());
            assertEquals(recordStarts()[4], r.corruptions().get(1).offset());
        }
    }

    @Test
    void skipCorruptStopsAtABrokenCompressedStreamAfterTheGoodRecords() throws Exception {
        byte[] b = file(TfRecordCompression.GZIP);
        Outcome o = read(Arrays.copyOf(b, b.length - 6), TfRecordReadOptions.DEFAULTS.withSkipCorrupt(true));
        assertEquals(null, o.error());
        assertEquals(1, o.corruptCount());
        assertPrefix(o.records(), o.records().size(), "gzip cut in its trailer");
    }
}
