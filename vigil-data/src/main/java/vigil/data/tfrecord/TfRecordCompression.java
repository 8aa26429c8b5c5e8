package vigil.data.tfrecord;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * How a TFRecord file is compressed, as TensorFlow's TFRecordOptions: the whole stream of framed
 * records is compressed (not each record). GZIP is a gzip stream (RFC 1952), ZLIB a zlib stream
 * (RFC 1950), both deflate inside.
 */
public enum TfRecordCompression {
    NONE,
    GZIP,
    ZLIB;

    /** The compression of a file from its first bytes; see {@link #detect(byte[], int)}. */
    public static TfRecordCompression detect(Path file) throws IOException {
        byte[] head = new byte[64];
        int n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            while (n < head.length) {
                int r = in.read(head, n, head.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        }
        return detect(head, n);
    }

    /**
     * The compression from the first {@code n} bytes (64 are plenty). An uncompressed file starts with
     * a record header whose length checksum holds, which no gzip or zlib header imitates by chance
     * (odds 2^-32). Otherwise the gzip magic 1f 8b 08, or a zlib header (deflate, header checksum
     * divisible by 31), followed by bytes that inflate without error, mean GZIP or ZLIB; the inflate
     * check keeps an uncompressed file whose first header is damaged (and whose length bytes happen to
     * look like a zlib or gzip header) from being taken for a compressed one. Anything else is read as
     * NONE, and then reported as corrupt by the reader.
     */
    public static TfRecordCompression detect(byte[] head, int n) {
        if (n >= 12 && MaskedCrc32c.of(head, 0, 8) == readIntLe(head, 8)) {
            return NONE;
        }
        if (n >= 10 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b && head[2] == 8
                && (head[3] != 0 || inflates(head, 10, n - 10, true))) {
            return GZIP;
        }
        if (n >= 2 && (head[0] & 0x0f) == 8 && (head[0] & 0xff) >>> 4 <= 7
                && (((head[0] & 0xff) << 8) | (head[1] & 0xff)) % 31 == 0 && inflates(head, 0, n, false)) {
            return ZLIB;
        }
        return NONE;
    }

    // True when these bytes are a valid start of a deflate (nowrap) or zlib stream.
    private static boolean inflates(byte[] b, int offset, int length, boolean nowrap) {
        Inflater inflater = new Inflater(nowrap);
        try {
            inflater.setInput(b, offset, length);
            byte[] out = new byte[4096];
            for (int i = 0; i < 64 && !inflater.finished() && !inflater.needsInput() && !inflater.needsDictionary(); i++) {
                if (inflater.inflate(out) == 0 && inflater.needsInput()) {
                    break;
                }
            }
            return true;
        } catch (DataFormatException e) {
            return false;
        } finally {
            inflater.end();
        }
    }

    static int readIntLe(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    static long readLongLe(byte[] b, int at) {
        return (readIntLe(b, at) & 0xffffffffL) | (long) readIntLe(b, at + 4) << 32;
    }
}
