package vigil.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OpenCvResize against cv2.resize(INTER_LINEAR) of OpenCV 4.6: resize_cases.txt holds, per size
 * pair, the SHA-256 of cv2's output bytes for the source {@link #pattern} describes (written by
 * make_fixtures.py next to it). Equal hashes mean zero differing bytes.
 */
class OpenCvResizeTest {

    record ResizeCase(int srcW, int srcH, int seed, int dstW, int dstH, String sha256) {
        @Override
        public String toString() {
            return srcW + "x" + srcH + " -> " + dstW + "x" + dstH;
        }
    }

    static Stream<ResizeCase> recordedCases() throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(OpenCvResizeTest.class.getResourceAsStream("resize_cases.txt")), StandardCharsets.UTF_8))) {
            List<ResizeCase> cases = in.lines().filter(l -> !l.isBlank()).map(l -> {
                String[] f = l.trim().split(" ");
                return new ResizeCase(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                        Integer.parseInt(f[3]), Integer.parseInt(f[4]), f[5]);
            }).toList();
            return cases.stream();
        }
    }

    /**
     * The test source: 32-bit hash noise of the HWC index and seed, with about 1/8 of the values
     * forced to 255 and 1/16 to 0 so rounding at the saturation ends is exercised. make_fixtures.py
     * computes the same bytes with numpy.
     */
    static BgrImage pattern(int w, int h, int seed) {
        byte[] bytes = new byte[w * h * 3];
        for (int i = 0; i < bytes.length; i++) {
            int x = i * 0x9E3779B1 + seed * 0x7F4A7C15 + 0x632BE5AB;
            x ^= x >>> 16;
            x *= 0x85EBCA6B;
            x ^= x >>> 13;
            x *= 0xC2B2AE35;
            x ^= x >>> 16;
            int select = (x >>> 8) & 15;
            bytes[i] = (byte) (select < 2 ? 255 : select == 2 ? 0 : x & 0xff);
        }
        return new BgrImage(w, h, bytes);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordedCases")
    void matchesOpenCvBitForBit(ResizeCase c) {
        BgrImage out = OpenCvResize.linear(pattern(c.srcW(), c.srcH(), c.seed()), c.dstW(), c.dstH());
        assertEquals(c.dstW(), out.width());
        assertEquals(c.dstH(), out.height());
        assertEquals(c.sha256(), sha256(out.data()), "bytes differ from cv2.resize for " + c);
    }

    @Test
    void halvingAveragesEachTwoByTwoBlockWithRoundingUp() {
        // cv2.resize of this 2x2 image to 1x1 gives [25, 102, 252] = (sum + 2) >> 2 per channel.
        BgrImage src = new BgrImage(2, 2, bytes(10, 100, 250, 20, 101, 251, 30, 102, 252, 41, 104, 255));
        assertArrayEquals(bytes(25, 102, 252), OpenCvResize.linear(src, 1, 1).data());
    }

    @Test
    void upscalingClampsAtTheBordersLikeOpenCv() {
        // cv2.resize of the 3x1 row [0, 255, (10,20,30)] to 5x2: each output row is
        // [0, 102, 255, (108, 114, 120), (10, 20, 30)].
        BgrImage src = new BgrImage(3, 1, bytes(0, 0, 0, 255, 255, 255, 10, 20, 30));
        byte[] row = bytes(0, 0, 0, 102, 102, 102, 255, 255, 255, 108, 114, 120, 10, 20, 30);
        byte[] expected = new byte[row.length * 2];
        System.arraycopy(row, 0, expected, 0, row.length);
        System.arraycopy(row, 0, expected, row.length, row.length);
        assertArrayEquals(expected, OpenCvResize.linear(src, 5, 2).data());
    }

    @Test
    void sameSizeGivesAnEqualCopy() {
        BgrImage src = pattern(5, 4, 3);
        BgrImage out = OpenCvResize.linear(src, 5, 4);
        assertArrayEquals(src.data(), out.data());
        assertNotSame(src.data(), out.data());
    }

    @Test
    void nonPositiveTargetSizeIsRefused() {
        BgrImage src = pattern(5, 4, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpenCvResize.linear(src, 0, 4));
        assertTrue(e.getMessage().contains("0x4"), e.getMessage());
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
