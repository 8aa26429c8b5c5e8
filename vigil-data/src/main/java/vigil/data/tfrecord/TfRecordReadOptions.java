package vigil.data.tfrecord;

/**
 * How a {@link TfRecordReader} reads.
 *
 * @param compression    the file's compression, or null to detect it from the first bytes
 * @param skipCorrupt    false: the first corruption throws {@link TfRecordCorruptException};
 *                       true: corrupt records are skipped, counted and kept for reporting
 * @param maxRecordBytes a record claiming more bytes than this is corrupt ({@code TOO_LONG}); the
 *                       reader never allocates more than this, nor more than twice the bytes that
 *                       actually arrive, whatever a length field says
 */
public record TfRecordReadOptions(TfRecordCompression compression, boolean skipCorrupt, int maxRecordBytes) {
    /** 256 MiB: far above any image record, far below what would exhaust a training machine. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 256 << 20;

    public static final TfRecordReadOptions DEFAULTS = new TfRecordReadOptions(null, false, DEFAULT_MAX_RECORD_BYTES);

    public TfRecordReadOptions {
        if (maxRecordBytes < 0 || maxRecordBytes > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("maxRecordBytes " + maxRecordBytes + " out of [0, 2^31 - 65]");
        }
    }

    public TfRecordReadOptions withCompression(TfRecordCompression c) {
        return new TfRecordReadOptions(c, skipCorrupt, maxRecordBytes);
    }

    public TfRecordReadOptions withSkipCorrupt(boolean skip) {
        return new TfRecordReadOptions(compression, skip, maxRecordBytes);
    }

    public TfRecordReadOptions withMaxRecordBytes(int max) {
        return new TfRecordReadOptions(compression, skipCorrupt, max);
    }
}
