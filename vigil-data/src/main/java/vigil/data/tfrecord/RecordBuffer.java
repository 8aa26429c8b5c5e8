package vigil.data.tfrecord;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A window over a stream: bytes [start, end) of {@code buf} are read but not yet consumed, and
 * {@code buf[start]} is byte {@link #offset()} of the stream. {@link #fill} makes n bytes
 * available, growing the buffer geometrically and only while it is full of bytes that actually
 * arrived, so a lying length field costs at most twice the bytes really left in the stream.
 */
final class RecordBuffer {
    private final InputStream in;
    byte[] buf;
    int start;
    private int end;
    private long base;
    private boolean eof;

    RecordBuffer(InputStream in, int initialCapacity) {
        this.in = in;
        this.buf = new byte[initialCapacity];
    }

    /** Stream offset of the first unconsumed byte. */
    long offset() {
        return base + start;
    }

    int available() {
        return end - start;
    }

    /** Makes at least n bytes available from {@link #offset()}; false when the stream ends first. */
    boolean fill(int n) throws IOException {
        while (end - start < n) {
            if (eof) {
                return false;
            }
            if (buf.length - start < n && start > 0) {
                compact();
            }
            if (end == buf.length) {
                buf = Arrays.copyOf(buf, (int) Math.min(Math.max(n, 16L), 2L * buf.length));
            }
            int r = in.read(buf, end, buf.length - end);
            if (r < 0) {
                eof = true;
            } else {
                end += r;
            }
        }
        return true;
    }

    void consume(int n) {
        start += n;
    }

    /** Skips n bytes without holding them; false when the stream ends first. */
    boolean skip(long n) throws IOException {
        long inBuffer = Math.min(n, end - start);
        start += (int) inBuffer;
        long left = n - inBuffer;
        while (left > 0) {
            base += end;
            start = 0;
            end = 0;
            if (!fill(1)) {
                return false;
            }
            int take = (int) Math.min(left, end - start);
            start += take;
            left -= take;
        }
        return true;
    }

    private void compact() {
        System.arraycopy(buf, start, buf, 0, end - start);
        base += start;
        end -= start;
        start = 0;
    }
}
