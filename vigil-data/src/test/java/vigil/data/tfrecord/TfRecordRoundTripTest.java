package vigil.data.tfrecord;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Writing then reading gives back every record, offset and count, in each compression. */
class TfRecordRoundTripTest {
    @TempDir
    Path tmp;

    static List<byte[]> sampleRecords() {
        Random rnd = new Random(5);
        List<byte[]> records = new ArrayList<>();
        for (int size : new int[] {0, 1, 7, 300, 70_000, 3_000_000, 12}) {
            byte[] b = new byte[size];
            rnd.nextBytes(b);
            records.add(b);
        }
        return records;
    }

    static Path write(Path file, TfRecordCompression c, List<byte[]> records) throws Exception {
        try (TfRecordWriter w = TfRecordWriter.create(file, c)) {
            for (byte[] r : records) {
                w.write(r);
            }
        }
        return file;
    }

    @ParameterizedTest
    @EnumSource(TfRecordCompression.class)
    void recordsAndOffsetsSurviveARoundTrip(TfRecordCompression c) throws Exception {
        List<byte[]> records = sampleRecords();
        Path f = write(tmp.resolve("r.tfrecord"), c, records);
        try (TfRecordReader r = TfRecordReader.open(f)) {
            assertEquals(c, r.compression(), "detected compression");
            long offset = 0;
            for (byte[] expected : records) {
                TfRecord rec = r.next();
                assertEquals(offset, rec.offset());
                assertArrayEquals(expected, rec.data());
                offset += 16 + expected.length;
            }
            assertNull(r.next());
            assertNull(r.next());
            assertEquals(records.size(), r.recordCount());
            assertEquals(0, r.corruptCount());
        }
    }

    @ParameterizedTest
    @EnumSource(TfRecordCompression.class)
    void anEmptyFileHasNoRecords(TfRecordCompression c) throws Exception {
        Path f = write(tmp.resolve("empty"), c, List.of());
        try (TfRecordReader r = TfRecordReader.open(f)) {
            assertEquals(c, r.compression());
            assertNull(r.next());
        }
    }

    @Test
    void writerCountsRecordsAndUncompressedBytes() throws Exception {
        try (TfRecordWriter w = TfRecordWriter.create(tmp.resolve("c"), TfRecordCompression.GZIP)) {
            w.write(new byte[10]);
            w.write(new byte[0]);
            assertEquals(2, w.recordCount());
            assertEquals(16 + 10 + 16, w.bytesWritten());
        }
    }

    @Test
    void indexGivesRandomAccessToEachRecord() throws Exception {
        List<byte[]> records = sampleRecords();
        Path f = write(tmp.resolve("i.tfrecord"), TfRecordCompression.NONE, records);
        TfRecordIndex index = TfRecordIndex.build(f);
        assertEquals(records.size(), index.size());
        try (FileChannel ch = FileChannel.open(f)) {
            long offset = 0;
            for (int i = records.size() - 1; i >= 0; i--) {
                assertArrayEquals(records.get(i), index.read(ch, i));
                assertEquals(records.get(i).length, index.length(i));
            }
            for (int i = 0; i < records.size(); i++) {
                assertEquals(offset, index.offset(i));
                offset += 16 + records.get(i).length;
            }
        }
    }

    @Test
    void indexRefusesABadDataChecksumOnRead() throws Exception {
        Path f = write(tmp.resolve("i.tfrecord"), TfRecordCompression.NONE, List.of(new byte[] {1, 2, 3}, new byte[] {4}));
        byte[] b = Files.readAllBytes(f);
        b[16 + 3 + 12] ^= 1;
        Files.write(f, b);
        TfRecordIndex index = TfRecordIndex.build(f);
        try (FileChannel ch = FileChannel.open(f)) {
            assertArrayEquals(new byte[] {1, 2, 3}, index.read(ch, 0));
            TfRecordCorruptException e = assertThrows(TfRecordCorruptException.class, () -> index.read(ch, 1));
            assertEquals(TfRecordCorruptException.Reason.DATA_CRC, e.reason());
            assertEquals(19, e.offset());
        }
    }

    @Test
    void readAllReadsASmallFile() throws Exception {
        Path f = write(tmp.resolve("a"), TfRecordCompression.ZLIB, List.of(new byte[] {9}, new byte[] {8, 7}));
        List<byte[]> all = TfRecordReader.readAll(f);
        assertEquals(2, all.size());
        assertArrayEquals(new byte[] {8, 7}, all.get(1));
    }
}
