package vigil.data.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import vigil.data.image.BgrImage;
import vigil.data.image.ImageDecoder;

/**
 * The YUV -> BGR conversion against FFmpeg's (swscale, nearest-neighbour chroma, accurate rounding:
 * h264/X.frame0.rgb.png), and the range the stream declares being the one used.
 */
class YuvToBgrConverterTest {
    /**
     * swscale computes in fixed point while we round the exact formula in double precision, so
     * values landing within a fraction of a level of .5 may round apart: at most 1 level, rarely.
     */
    private static final int MAX_LEVEL_DIFFERENCE = 1;
    private static final double MAX_FRACTION_OFF_BY_ONE = 0.02;

    @Test
    void limitedRangeFrameMatchesFfmpegWithinOneLevel() throws IOException {
        assertMatchesFfmpeg("baseline.mp4", false);
    }

    @Test
    void fullRangeFrameMatchesFfmpegWithinOneLevel() throws IOException {
        assertMatchesFfmpeg("full_range.mp4", true);
    }

    @Test
    void wrongRangeIsFarFromFfmpeg() throws IOException {
        // The defining property the other tests rely on: the range matters by far more than the tolerance.
        BgrImage ffmpeg = ImageDecoder.readBgr(H264Fixtures.file("baseline.mp4.frame0.rgb.png"));
        BgrImage wrong = new YuvToBgrConverter(YuvToBgrConverter.Matrix.BT601, true)
                .convert(firstPicture("baseline.mp4"));
        assertTrue(maxDifference(ffmpeg, wrong) > 10, "full-range reading of a limited-range frame should differ");
    }

    @Test
    void bt709RoundTripsTheDefiningEquations() {
        // Encode RGB with BT.709's equations (limited range), then decode: back within rounding (2 levels: see below).
        YuvToBgrConverter c = new YuvToBgrConverter(YuvToBgrConverter.Matrix.BT709, false);
        int[][] rgb = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {200, 120, 40}, {16, 200, 180}, {128, 128, 128}};
        for (int[] p : rgb) {
            double r = p[0] / 255.0;
            double g = p[1] / 255.0;
            double b = p[2] / 255.0;
            double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
            double cb = (b - y) / 1.8556;
            double cr = (r - y) / 1.5748;
            byte[] ys = new byte[4];
            Arrays.fill(ys, (byte) Math.round(16 + 219 * y));
            Yuv420Picture pic = new Yuv420Picture(2, 2, ys, new byte[] {(byte) Math.round(128 + 224 * cb)},
                    new byte[] {(byte) Math.round(128 + 224 * cr)});
            BgrImage out = c.convert(pic);
            // One code step of Y is 255/219 levels and of C up to 1.87 * 255/224 levels: quantising the
            // YCbCr codes alone can move a channel by ~2 levels.
            for (int ch = 0; ch < 3; ch++) {
                assertEquals(p[2 - ch], out.get(1, 1, ch), 2.0, "BT.709 " + Arrays.toString(p) + " ch " + ch);
            }
        }
    }

    @Test
    void streamsDeclaredRangeChoosesTheConversion() throws IOException {
        try (H264Mp4Reader full = H264Mp4Reader.open(H264Fixtures.file("full_range.mp4"), TruncatedFramePolicy.FAIL);
                H264Mp4Reader limited = H264Mp4Reader.open(H264Fixtures.file("baseline.mp4"),
                        TruncatedFramePolicy.FAIL)) {
            assertTrue(full.converter().fullRange());
            assertFalse(limited.converter().fullRange());
            assertEquals(YuvToBgrConverter.Matrix.BT601, limited.converter().matrix());
        }
    }

    private static void assertMatchesFfmpeg(String name, boolean fullRange) throws IOException {
        BgrImage ffmpeg = ImageDecoder.readBgr(H264Fixtures.file(name + ".frame0.rgb.png"));
        BgrImage ours;
        try (H264Mp4Reader reader = H264Mp4Reader.open(H264Fixtures.file(name), TruncatedFramePolicy.FAIL)) {
            assertEquals(fullRange, reader.converter().fullRange(), name);
            ours = reader.next().orElseThrow().image();
        }
        assertEquals(ffmpeg.width(), ours.width());
        assertEquals(ffmpeg.height(), ours.height());
        int offByOne = 0;
        byte[] a = ffmpeg.data();
        byte[] b = ours.data();
        for (int i = 0; i < a.length; i++) {
            int d = Math.abs((a[i] & 0xff) - (b[i] & 0xff));
            assertTrue(d <= MAX_LEVEL_DIFFERENCE, name + ": byte " + i + " differs by " + d);
            offByOne += d;
        }
        assertTrue(offByOne <= MAX_FRACTION_OFF_BY_ONE * a.length, name + ": " + offByOne + " of " + a.length
                + " values off by one");
    }

    private static Yuv420Picture firstPicture(String name) throws IOException {
        try (H264Mp4Reader reader = H264Mp4Reader.open(H264Fixtures.file(name), TruncatedFramePolicy.FAIL)) {
            return reader.nextPicture().orElseThrow();
        }
    }

    private static int maxDifference(BgrImage x, BgrImage y) {
        int max = 0;
        for (int i = 0; i < x.data().length; i++) {
            max = Math.max(max, Math.abs((x.data()[i] & 0xff) - (y.data()[i] & 0xff)));
        }
        return max;
    }
}
