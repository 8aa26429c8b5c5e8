package vigil.data.tfrecord;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A TFRecord file that cannot be read past some point: the file, the byte offset of the record
 * (of the record header where reading went wrong; in a compressed file, the offset in the
 * decompressed stream) and a typed reason.
 */
public final class TfRecordCorruptException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What is wrong at the offset. */
    public enum Reason {
        /** The 8 length bytes do not match their checksum: the length cannot be trusted. */
        LENGTH_CRC("bad length checksum"),
        /** The record's data does not match its checksum. */
        DATA_CRC("bad data checksum"),
        /** The file ends inside a record (header, data or data checksum). */
        TRUNCATED("truncated record"),
        /** The length (whose checksum holds) is over the reader's limit on record size. */
        TOO_LONG("record too long"),
        /** The gzip / zlib stream itself is corrupt or cut short; nothing after it can be read. */
        COMPRESSED_STREAM("corrupt compressed stream");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final transient Path path;
    private final long offset;
    private final Reason reason;

    public TfRecordCorruptException(Path path, long offset, Reason reason, String detail) {
        this(path, offset, reason, detail, null);
    }

    public TfRecordCorruptException(Path path, long offset, Reason reason, String detail, Throwable cause) {
        super(path + ": corrupt record at byte " + offset + ": " + reason.label() + " (" + detail + ")", cause);
        this.path = path;
        this.offset = offset;
        this.reason = reason;
    }

    public Path path() {
        return path;
    }

    public long offset() {
        return offset;
    }

    public Reason reason() {
        return reason;
    }
}
