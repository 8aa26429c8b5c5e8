package vigil.data.video;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes small GIF89a files byte by byte, so a test controls every field the reader interprets:
 * a 4-colour global palette, and per frame its rectangle, delay, disposal method and transparent
 * index. Pixels are LZW-coded as plain literals with a clear code after every two, so the code
 * size never grows past 3 bits (valid LZW, just not compressed).
 */
final class TinyGif {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** palette: 4 RGB triples as 0xRRGGBB. */
    TinyGif(int width, int height, int[] palette, int backgroundIndex) {
        out.writeBytes("GIF89a".getBytes(StandardCharsets.US_ASCII));
        le16(width);
        le16(height);
        out.write(0x80 | 0x10 | 0x01); // global table of 2^(1+1) = 4 entries
        out.write(backgroundIndex);
        out.write(0);
        for (int rgb : palette) {
            out.write(rgb >> 16);
            out.write(rgb >> 8);
            out.write(rgb);
        }
    }

    /** disposal: 1 keep, 2 restore background, 3 restore previous; transparent: palette index or -1. */
    TinyGif frame(int left, int top, int width, int height, int delayCs, int disposal, int transparent, int... indices) {
        out.write(0x21);
        out.write(0xf9);
        out.write(4);
        out.write(disposal << 2 | (transparent >= 0 ? 1 : 0));
        le16(delayCs);
        out.write(Math.max(transparent, 0));
        out.write(0);
        out.write(0x2c);
        le16(left);
        le16(top);
        le16(width);
        le16(height);
        out.write(0);
        out.write(2); // LZW minimum code size: clear = 4, end = 5
        byte[] data = lzwLiterals(indices);
        for (int p = 0; p < data.length; p += 255) {
            int n = Math.min(255, data.length - p);
            out.write(n);
            out.write(data, p, n);
        }
        out.write(0);
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream done = new ByteArrayOutputStream();
        done.writeBytes(out.toByteArray());
        done.write(0x3b);
        return done.toByteArray();
    }

    private static byte[] lzwLiterals(int[] indices) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        long bits = 0;
        int count = 0;
        int[] codes = new int[indices.length * 3 / 2 + 3];
        int n = 0;
        for (int i = 0; i < indices.length; i++) {
            if (i % 2 == 0) {
                codes[n++] = 4;
            }
            codes[n++] = indices[i];
        }
        codes[n++] = 5;
        for (int c = 0; c < n; c++) {
            bits |= (long) codes[c] << count;
            count += 3;
            while (count >= 8) {
                data.write((int) (bits & 0xff));
                bits >>>= 8;
                count -= 8;
            }
        }
        if (count > 0) {
            data.write((int) bits);
        }
        return data.toByteArray();
    }

    private void le16(int v) {
        out.write(v);
        out.write(v >> 8);
    }
}
