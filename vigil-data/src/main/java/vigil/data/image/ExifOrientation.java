package vigil.data.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The EXIF orientation tag (0x0112) and its application, the way OpenCV 4.6's imread applies it
 * with IMREAD_COLOR: without it, phone photos come out rotated relative to what the reference
 * pipeline saw (the Silent-Face sample photos are stored 640x480 with orientation 6 and
 * processed as 480x640).
 *
 * <p>Where OpenCV finds the tag: in a JPEG, the first APP1 segment before the scan, whatever it
 * holds (an XMP APP1 first hides a later Exif one), its TIFF block starting 6 bytes in; in a PNG,
 * the eXIf chunk. Within the TIFF block it walks IFD0 in order and, like OpenCV's ExifReader,
 * gives up at the first entry it cannot read, keeping what it had parsed before.
 */
final class ExifOrientation {
    static final int NORMAL = 1;
    private static final int TAG_ORIENTATION = 0x0112;
    /** Largest metadata block read: a JPEG APP1 segment or a PNG chunk (64 KiB is JPEG's own limit). */
    private static final int MAX_BLOCK = 1 << 20;

    private ExifOrientation() {
    }

    /** The orientation (1..8) stored in a JPEG or PNG file, or 1 when there is none or it cannot be parsed. */
    static int read(Path file, String format) throws IOException {
        try (SeekableByteChannel in = Files.newByteChannel(file)) {
            return read(in, format);
        }
    }

    /** The same, from a channel over the encoded bytes (a file or memory); the channel is not closed. */
    static int read(SeekableByteChannel in, String format) throws IOException {
        byte[] tiff = switch (format) {
            case "jpeg" -> jpegApp1(in);
            case "png" -> pngExif(in);
            default -> null;
        };
        return tiff == null ? NORMAL : fromTiff(tiff);
    }

    /** The TIFF block of the first APP1 segment (6 bytes in), or null. */
    private static byte[] jpegApp1(SeekableByteChannel in) throws IOException {
        long pos = 2; // after SOI
        while (true) {
            byte[] head = readAt(in, pos, 4);
            if (head == null || (head[0] & 0xff) != 0xff) {
                return null;
            }
            int marker = head[1] & 0xff;
            if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                pos += 2; // markers without a length field
                continue;
            }
            if (marker == 0xd9 || marker == 0xda) {
                return null; // image end or scan start: no APP1 before the pixels
            }
            int length = ((head[2] & 0xff) << 8) | (head[3] & 0xff);
            if (length < 2) {
                return null;
            }
            if (marker == 0xe1) {
                int payload = length - 2;
                if (payload <= 6) {
                    return null;
                }
                byte[] body = readAt(in, pos + 4, payload);
                if (body == null) {
                    return null;
                }
                byte[] tiff = new byte[payload - 6];
                System.arraycopy(body, 6, tiff, 0, tiff.length);
                return tiff;
            }
            pos += 2 + length;
        }
    }

    /** The content of the eXIf chunk before the image data, or null. */
    private static byte[] pngExif(SeekableByteChannel in) throws IOException {
        long pos = 8; // after the signature
        while (true) {
            byte[] head = readAt(in, pos, 8);
            if (head == null) {
                return null;
            }
            long length = ByteBuffer.wrap(head, 0, 4).getInt() & 0xffffffffL;
            String type = new String(head, 4, 4, StandardCharsets.ISO_8859_1);
            if (type.equals("IDAT") || type.equals("IEND")) {
                return null;
            }
            if (type.equals("eXIf")) {
                return length == 0 || length > MAX_BLOCK ? null : readAt(in, pos + 8, (int) length);
            }
            pos += 12 + length;
        }
    }

    private static byte[] readAt(SeekableByteChannel in, long pos, int n) throws IOException {
        if (n > MAX_BLOCK || pos + n > in.size()) {
            return null;
        }
        ByteBuffer buf = ByteBuffer.allocate(n);
        in.position(pos);
        while (buf.hasRemaining()) {
            if (in.read(buf) < 0) {
                return null;
            }
        }
        return buf.array();
    }

    /** Orientation from a TIFF block ("II"/"MM", 42, IFD0 offset, 12-byte entries). */
    static int fromTiff(byte[] t) {
        Tiff tiff = new Tiff(t);
        if (!tiff.valid() || tiff.u16(2) != 42) {
            return NORMAL;
        }
        int orientation = NORMAL;
        try {
            long ifd = tiff.u32(4);
            int entries = tiff.u16(ifd);
            long entry = ifd + 2;
            for (int i = 0; i < entries; i++, entry += 12) {
                int tag = tiff.u16(entry);
                if (tag == TAG_ORIENTATION) {
                    orientation = tiff.u16(entry + 8);
                } else {
                    tiff.checkReadable(tag, entry);
                }
            }
        } catch (IndexOutOfBoundsException e) {
            // OpenCV stops at the first unreadable entry and keeps what it had; so do we.
        }
        return orientation >= 1 && orientation <= 8 ? orientation : NORMAL;
    }

    /**
     * Applies orientation o as cv::imread does: 2 mirror left-right, 3 rotate 180, 4 mirror
     * top-bottom, 5 transpose, 6 transpose + mirror left-right (90 degrees clockwise),
     * 7 transpose + rotate 180, 8 transpose + mirror top-bottom (90 degrees counter-clockwise).
     */
    static BgrImage apply(BgrImage src, int o) {
        if (o <= NORMAL || o > 8) {
            return src;
        }
        boolean transpose = o >= 5;
        boolean mirrorX = o == 2 || o == 3 || o == 6 || o == 7;
        boolean mirrorY = o == 3 || o == 4 || o == 7 || o == 8;
        int w = transpose ? src.height() : src.width();
        int h = transpose ? src.width() : src.height();
        byte[] in = src.data();
        byte[] out = new byte[in.length];
        int srcW = src.width();
        for (int y = 0; y < h; y++) {
            int ty = mirrorY ? h - 1 - y : y;
            for (int x = 0; x < w; x++) {
                int tx = mirrorX ? w - 1 - x : x;
                // (tx, ty) is the pixel of the (possibly transposed) image before mirroring.
                int sx = transpose ? ty : tx;
                int sy = transpose ? tx : ty;
                int s = (sy * srcW + sx) * 3;
                int d = (y * w + x) * 3;
                out[d] = in[s];
                out[d + 1] = in[s + 1];
                out[d + 2] = in[s + 2];
            }
        }
        return new BgrImage(w, h, out);
    }

    /** Bounds-checked TIFF reads in the block's byte order; out-of-range reads throw IndexOutOfBounds. */
    private record Tiff(byte[] b) {
        boolean valid() {
            return b.length >= 2 && b[0] == b[1] && (b[0] == 'I' || b[0] == 'M');
        }

        int u16(long off) {
            int i = index(off, 2);
            int lo = b[i] & 0xff;
            int hi = b[i + 1] & 0xff;
            return b[0] == 'I' ? lo | hi << 8 : lo << 8 | hi;
        }

        long u32(long off) {
            int i = index(off, 4);
            long v = 0;
            for (int k = 0; k < 4; k++) {
                int byteAt = b[0] == 'I' ? i + 3 - k : i + k;
                v = v << 8 | (b[byteAt] & 0xff);
            }
            return v;
        }

        private int index(long off, int n) {
            if (off < 0 || off + n > b.length) {
                throw new IndexOutOfBoundsException("TIFF read of " + n + " bytes at " + off);
            }
            return (int) off;
        }

        /** The reads OpenCV's ExifReader makes for the IFD0 tags it knows; they throw where its reads fail. */
        void checkReadable(int tag, long entry) {
            switch (tag) {
                case 0x010e, 0x010f, 0x0110, 0x0131, 0x0132, 0x8298 -> { // strings
                    long size = u32(entry + 4);
                    long data = size > 4 ? u32(entry + 8) : 8;
                    index(data, (int) Math.min(size, Integer.MAX_VALUE - 8));
                }
                case 0x011a, 0x011b -> rationals(entry, 1);
                case 0x013e -> rationals(entry, 2);
                case 0x013f, 0x0214 -> rationals(entry, 6);
                case 0x0211 -> rationals(entry, 3);
                case 0x0128, 0x0213 -> u16(entry + 8);
                default -> {
                }
            }
        }

        private void rationals(long entry, int count) {
            long at = u32(entry + 8);
            for (int k = 0; k < count; k++) {
                u32(at + 8L * k);
                u32(at + 8L * k + 4);
            }
        }
    }
}
