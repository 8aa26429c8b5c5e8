package vigil.data.tfrecord;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes TFRecord files as TensorFlow's TFRecordWriter does: per record {@code uint64 length (LE) |
 * masked CRC-32C of the length | data | masked CRC-32C of the data}, optionally through one gzip or
 * zlib stream over the whole file (TFRecordOptions compression "GZIP" / "ZLIB", default level).
 */
public final class TfRecordWriter implements Closeable, Flushable {
    private final OutputStream out;
    private final Deflater deflater;
    private final byte[] header = new byte[12];
    private final byte[] footer = new byte[4];
    private long recordCount;
    private long bytesWritten;

    private TfRecordWriter(OutputStream sink, TfRecordCompression compression) throws IOException {
        this.deflater = compression == TfRecordCompression.ZLIB ? new Deflater(Deflater.DEFAULT_COMPRESSION) : null;
        OutputStream s = switch (compression) {
            case NONE -> sink;
            case GZIP -> new GZIPOutputStream(sink, 1 << 16);
            case ZLIB -> new DeflaterOutputStream(sink, deflater, 1 << 16);
        };
        // Headers and footers are tiny: buffer above the compressor so it sees large writes.
        this.out = new BufferedOutputStream(s, 1 << 16);
    }

    /** Creates (or truncates) an uncompressed file. */
    public static TfRecordWriter create(Path file) throws IOException {
        return create(file, TfRecordCompression.NONE);
    }

    public static TfRecordWriter create(Path file, TfRecordCompression compression) throws IOException {
        return new TfRecordWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), compression);
    }

    /** Writes into a stream, which this writer closes. */
    public static TfRecordWriter of(OutputStream sink, TfRecordCompression compression) throws IOException {
        return new TfRecordWriter(sink, compression);
    }

    public void write(byte[] record) throws IOException {
        write(record, 0, record.length);
    }

    public void write(byte[] record, int offset, int length) throws IOException {
        long len = length;
        for (int i = 0; i < 8; i++) {
            header[i] = (byte) (len >>> (8 * i));
        }
        putIntLe(header, 8, MaskedCrc32c.of(header, 0, 8));
        putIntLe(footer, 0, MaskedCrc32c.of(record, offset, length));
        out.write(header);
        out.write(record, offset, length);
        out.write(footer);
        recordCount++;
        bytesWritten += 16L + length;
    }

    public long recordCount() {
        return recordCount;
    }

    /** Uncompressed bytes written: the offset the next record will have. */
    public long bytesWritten() {
        return bytesWritten;
    }

    /** Flushes buffered bytes; a compressed stream stays open (its end is written by close). */
    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } finally {
            if (deflater != null) {
                deflater.end();
            }
        }
    }

    private static void putIntLe(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }
}
