package vigil.data.tfrecord;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import vigil.data.tfrecord.TfRecordCorruptException.Reason;

/**
 * Where each record of an uncompressed TFRecord file starts, for random access and for splitting
 * one file between workers. Building it reads only the 12-byte headers (checking the length
 * checksums); {@link #read} checks the data checksum of the record it reads. Compressed files
 * cannot be indexed (deflate has no random access): read them with {@link TfRecordReader}.
 */
public final class TfRecordIndex {
    private final Path path;
    private final long[] offsets;
    private final int[] lengths;

    private TfRecordIndex(Path path, long[] offsets, int[] lengths) {
        this.path = path;
        this.offsets = offsets;
        this.lengths = lengths;
    }

    /** Indexes a file strictly: any bad header or truncation throws {@link TfRecordCorruptException}. */
    public static TfRecordIndex build(Path file) throws IOException {
        return build(file, TfRecordReadOptions.DEFAULT_MAX_RECORD_BYTES);
    }

    public static TfRecordIndex build(Path file, int maxRecordBytes) throws IOException {
        long[] offsets = new long[64];
        int[] lengths = new int[64];
        int n = 0;
        ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long at = 0;
            while (at < size) {
                if (size - at < 12) {
                    throw new TfRecordCorruptException(file, at, Reason.TRUNCATED,
                            "the file ends " + (size - at) + " bytes into a 12-byte record header");
                }
                header.clear();
                readFully(ch, header, at);
                byte[] h = header.array();
                if (MaskedCrc32c.of(h, 0, 8) != TfRecordCompression.readIntLe(h, 8)) {
                    throw new TfRecordCorruptException(file, at, Reason.LENGTH_CRC, "length bytes do not match their checksum");
                }
                long len = TfRecordCompression.readLongLe(h, 0);
                if (size - at < 16 || Long.compareUnsigned(len, size - at - 16) > 0) {
                    throw new TfRecordCorruptException(file, at, Reason.TRUNCATED, "record of " + Long.toUnsignedString(len)
                            + " bytes, but only " + (size - at - 12) + " bytes left in the file after its header");
                }
                if (len > maxRecordBytes) {
                    throw new TfRecordCorruptException(file, at, Reason.TOO_LONG,
                            "record of " + len + " bytes, over the limit of " + maxRecordBytes);
                }
                if (n == offsets.length) {
                    offsets = Arrays.copyOf(offsets, 2 * n);
                    lengths = Arrays.copyOf(lengths, 2 * n);
                }
                offsets[n] = at;
                lengths[n++] = (int) len;
                at += 16 + len;
            }
        }
        return new TfRecordIndex(file, Arrays.copyOf(offsets, n), Arrays.copyOf(lengths, n));
    }

    public Path path() {
        return path;
    }

    public int size() {
        return offsets.length;
    }

    /** Byte offset of record i's header. */
    public long offset(int i) {
        return offsets[i];
    }

    /** Data length of record i. */
    public int length(int i) {
        return lengths[i];
    }

    /**
     * Reads record i's data through a channel open on {@link #path()}, checking its checksum.
     * Positional reads: one channel may serve many threads.
     */
    public byte[] read(FileChannel channel, int i) throws IOException {
        int n = lengths[i];
        ByteBuffer b = ByteBuffer.allocate(n + 4);
        readFully(channel, b, offsets[i] + 12);
        byte[] a = b.array();
        if (MaskedCrc32c.of(a, 0, n) != TfRecordCompression.readIntLe(a, n)) {
            throw new TfRecordCorruptException(path, offsets[i], Reason.DATA_CRC,
                    "data of " + n + " bytes does not match its checksum");
        }
        return Arrays.copyOf(a, n);
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
        long pos = at;
        while (b.hasRemaining()) {
            int r = ch.read(b, pos);
            if (r < 0) {
                throw new IOException("file shrank while reading at byte " + pos);
            }
            pos += r;
        }
    }
}
