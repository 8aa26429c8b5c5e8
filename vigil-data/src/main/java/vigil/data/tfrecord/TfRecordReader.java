package vigil.data.tfrecord;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import vigil.data.tfrecord.TfRecordCorruptException.Reason;

/**
 * Streams the records of a TFRecord file, checking both checksums of every record. A record is
 * {@code uint64 length (LE) | uint32 masked CRC-32C of the 8 length bytes | data | uint32 masked
 * CRC-32C of the data}; see {@link MaskedCrc32c}. Only the current record is held in memory.
 *
 * <p>Strict (the default), the first corruption throws a {@link TfRecordCorruptException} naming the
 * file and offset. With {@link TfRecordReadOptions#skipCorrupt()} it is counted instead, and reading goes on:
 * <ul>
 * <li>bad data checksum, or a length over the limit: the length is trusted (its own checksum holds), so
 *     the record is skipped and the next one read;
 * <li>bad length checksum: the length cannot be trusted, so the reader resynchronises: it scans forward
 *     one byte at a time for the next offset where a header's checksum holds <em>and</em> the data it frames
 *     passes its checksum too, and goes on from there (the bytes in between count as one corruption);
 * <li>truncated record, or a broken gzip / zlib stream: nothing after it can be read, so the file ends there
 *     (counted as one corruption).
 * </ul>
 * A file cut exactly between two records cannot be told from a shorter file; that is the format's limit.
 */
public final class TfRecordReader implements Closeable {
    private static final int HEADER = 12;
    private static final int FOOTER = 4;
    private static final int BUFFER = 1 << 20;
    private static final int COMPRESSED_BUFFER = 1 << 16;
    private static final int KEPT_CORRUPTIONS = 100;

    private final Path path;
    private final TfRecordCompression compression;
    private final TfRecordReadOptions options;
    private final InputStream stream;
    private final Inflater inflater;
    private final RecordBuffer in;
    private final long fileSize;
    private final List<TfRecordCorruptException> corruptions = new ArrayList<>();
    private int corruptCount;
    private long recordCount;
    private boolean finished;

    private TfRecordReader(Path path, InputStream raw, TfRecordCompression compression, long fileSize,
            TfRecordReadOptions options) throws IOException {
        this.path = path;
        this.compression = compression;
        this.options = options;
        this.fileSize = compression == TfRecordCompression.NONE ? fileSize : -1;
        this.inflater = compression == TfRecordCompression.ZLIB ? new Inflater() : null;
        InputStream s = raw;
        try {
            s = switch (compression) {
                case NONE -> raw;
                case GZIP -> new GZIPInputStream(raw, 1 << 16);
                case ZLIB -> new InflaterInputStream(raw, inflater, 1 << 16);
            };
        } catch (ZipException | EOFException e) {
            TfRecordCorruptException bad = corrupt(0, Reason.COMPRESSED_STREAM, "bad gzip header: " + e.getMessage());
            if (!options.skipCorrupt()) {
                raw.close();
                throw bad;
            }
            note(bad);
            finished = true;
        }
        this.stream = s;
        // Small files get a small buffer: opening thousands of shards must not cost a MiB each.
        int capacity = this.fileSize >= 0 ? (int) Math.clamp(this.fileSize + 1, 64, BUFFER) : COMPRESSED_BUFFER;
        this.in = new RecordBuffer(stream, capacity);
    }

    /** Opens a file strictly, detecting its compression. */
    public static TfRecordReader open(Path file) throws IOException {
        return open(file, TfRecordReadOptions.DEFAULTS);
    }

    public static TfRecordReader open(Path file, TfRecordReadOptions options) throws IOException {
        TfRecordCompression c = options.compression() != null ? options.compression() : TfRecordCompression.detect(file);
        long size = Files.size(file);
        return new TfRecordReader(file, Files.newInputStream(file), c, size, options);
    }

    /** Reads a stream (not closed until this reader is); {@code name} is used in error messages. */
    public static TfRecordReader of(InputStream in, Path name, TfRecordCompression compression,
            TfRecordReadOptions options) throws IOException {
        return new TfRecordReader(name, in, Objects.requireNonNull(compression, "compression"), -1, options);
    }

    /** Every record of a small file, strictly. */
    public static List<byte[]> readAll(Path file) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (TfRecordReader r = open(file)) {
            for (TfRecord rec; (rec = r.next()) != null; ) {
                out.add(rec.data());
            }
        }
        return out;
    }

    /** The next good record, or null at the end of the file. */
    public TfRecord next() throws IOException {
        while (!finished) {
            long at = in.offset();
            try {
                TfRecord r = readAt(at);
                if (r == null) {
                    finished = true;
                } else {
                    recordCount++;
                    return r;
                }
            } catch (TfRecordCorruptException e) {
                if (!options.skipCorrupt()) {
                    finished = true;
                    throw e;
                }
                note(e);
                TfRecord r = recover(e, at);
                if (r != null) {
                    recordCount++;
                    return r;
                }
            }
        }
        return null;
    }

    public Path path() {
        return path;
    }

    public TfRecordCompression compression() {
        return compression;
    }

    /** Good records returned so far. */
    public long recordCount() {
        return recordCount;
    }

    /** Corruptions skipped so far (only with skipCorrupt). */
    public int corruptCount() {
        return corruptCount;
    }

    /** The first 100 corruptions skipped, in file order. */
    public List<TfRecordCorruptException> corruptions() {
        return List.copyOf(corruptions);
    }

    @Override
    public void close() throws IOException {
        try {
            stream.close();
        } finally {
            if (inflater != null) {
                inflater.end();
            }
        }
    }

    // One record at the buffer's position; null at a clean end. On DATA_CRC the record is consumed.
    private TfRecord readAt(long at) throws IOException {
        if (!fill(1, at)) {
            return null;
        }
        if (!fill(HEADER, at)) {
            throw corrupt(at, Reason.TRUNCATED, "the file ends " + in.available() + " bytes into a 12-byte record header");
        }
        if (!headerChecksumHolds()) {
            throw corrupt(at, Reason.LENGTH_CRC, "length bytes do not match their checksum");
        }
        long len = length();
        if (fileSize >= 0 && (fileSize - at - HEADER - FOOTER < 0
                || Long.compareUnsigned(len, fileSize - at - HEADER - FOOTER) > 0)) {
            throw corrupt(at, Reason.TRUNCATED, "record of " + Long.toUnsignedString(len) + " bytes, but only "
                    + (fileSize - at - HEADER) + " bytes left in the file after its header");
        }
        if (len < 0 || len > options.maxRecordBytes()) {
            throw corrupt(at, Reason.TOO_LONG, "record of " + Long.toUnsignedString(len) + " bytes, over the limit of "
                    + options.maxRecordBytes());
        }
        int n = (int) len;
        if (!fill(HEADER + n + FOOTER, at)) {
            throw corrupt(at, Reason.TRUNCATED, "record of " + n + " bytes, but the file ends "
                    + Math.max(0, in.available() - HEADER) + " bytes into it");
        }
        int s = in.start;
        if (MaskedCrc32c.of(in.buf, s + HEADER, n) != TfRecordCompression.readIntLe(in.buf, s + HEADER + n)) {
            in.consume(HEADER + n + FOOTER);
            throw corrupt(at, Reason.DATA_CRC, "data of " + n + " bytes does not match its checksum");
        }
        byte[] data = Arrays.copyOfRange(in.buf, s + HEADER, s + HEADER + n);
        in.consume(HEADER + n + FOOTER);
        return new TfRecord(at, data);
    }

    // After a skipped corruption: where reading goes on, and maybe the record found there. A second
    // corruption met while recovering (a compressed stream breaking) is counted and ends the file.
    private TfRecord recover(TfRecordCorruptException e, long at) throws IOException {
        try {
            switch (e.reason()) {
                case DATA_CRC -> {
                    return null;
                }
                case TOO_LONG -> {
                    long len = length();
                    if (len < 0 || !skip(HEADER + len + FOOTER, at)) {
                        finished = true;
                    }
                    return null;
                }
                case LENGTH_CRC -> {
                    return resynchronise();
                }
                default -> {
                    finished = true;
                    return null;
                }
            }
        } catch (TfRecordCorruptException again) {
            note(again);
            finished = true;
            return null;
        }
    }

    // Scans forward from one byte past a bad header for a header and data that both check out.
    private TfRecord resynchronise() throws IOException {
        in.consume(1);
        while (fill(HEADER, in.offset())) {
            long at = in.offset();
            if (headerChecksumHolds()) {
                long len = length();
                boolean fits = len >= 0 && len <= options.maxRecordBytes()
                        && (fileSize < 0 || len <= fileSize - at - HEADER - FOOTER);
                if (fits && fill(HEADER + (int) len + FOOTER, at)) {
                    int s = in.start;
                    int n = (int) len;
                    if (MaskedCrc32c.of(in.buf, s + HEADER, n) == TfRecordCompression.readIntLe(in.buf, s + HEADER + n)) {
                        byte[] data = Arrays.copyOfRange(in.buf, s + HEADER, s + HEADER + n);
                        in.consume(HEADER + n + FOOTER);
                        return new TfRecord(at, data);
                    }
                }
            }
            in.consume(1);
        }
        finished = true;
        return null;
    }

    private boolean headerChecksumHolds() {
        return MaskedCrc32c.of(in.buf, in.start, 8) == TfRecordCompression.readIntLe(in.buf, in.start + 8);
    }

    private long length() {
        return TfRecordCompression.readLongLe(in.buf, in.start);
    }

    // fill, with a broken compressed stream reported as corruption at the record being read.
    private boolean fill(int n, long at) throws IOException {
        try {
            return in.fill(n);
        } catch (ZipException | EOFException e) {
            throw corrupt(at, Reason.COMPRESSED_STREAM, compression + " stream: " + e.getMessage()
                    + " (offsets count decompressed bytes)");
        }
    }

    private boolean skip(long n, long at) throws IOException {
        try {
            return in.skip(n);
        } catch (ZipException | EOFException e) {
            throw corrupt(at, Reason.COMPRESSED_STREAM, compression + " stream: " + e.getMessage());
        }
    }

    private TfRecordCorruptException corrupt(long at, Reason reason, String detail) {
        return new TfRecordCorruptException(path, at, reason, detail);
    }

    private void note(TfRecordCorruptException e) {
        corruptCount++;
        if (corruptions.size() < KEPT_CORRUPTIONS) {
            corruptions.add(e);
        }
    }
}
