package vigil.data.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The animated GIF reader on the shared demo.gif (88 frames, 150x322 screen, most frames smaller
 * rectangles at an offset, a transparent index, delays of 30 and 40 ms), against Pillow 9.4's
 * composited frames (demo_gif_pillow.csv).
 */
class AnimatedGifReaderTest {
    private static final int RED = 0xff0000;
    private static final int GREEN = 0x00ff00;
    private static final int BLUE = 0x0000ff;
    private static final int WHITE = 0xffffff;

    @TempDir
    Path tmp;
    @Test
    void demoGifHas88FramesOfTheLogicalScreenSize() throws IOException {
        try (VideoSource video = VideoSource.open(VideoFixtures.demoGif(), TruncatedFramePolicy.FAIL)) {
            assertTrue(video instanceof AnimatedGifReader);
            assertEquals(88, video.frameCount().orElseThrow());
            List<VideoFrame> frames = video.readAll();
            assertEquals(88, frames.size());
            for (VideoFrame f : frames) {
                assertEquals(150, f.image().width());
                assertEquals(322, f.image().height());
            }
        }
    }

    @Test
    void timestampsAreTheSummedDelays() throws IOException {
        List<VideoFixtures.FrameMeans> pillow = VideoFixtures.reference("demo_gif_pillow.csv");
        try (VideoSource video = VideoSource.open(VideoFixtures.demoGif(), TruncatedFramePolicy.FAIL)) {
            List<VideoFrame> frames = video.readAll();
            for (int i = 0; i < frames.size(); i++) {
                assertEquals(pillow.get(i).seconds(), frames.get(i).timestampSeconds(), 1e-9, "frame " + i);
            }
            // delays of 30 and 40 ms: no single frame rate
            assertTrue(video.frameRate().isEmpty());
        }
    }

    /**
     * Pillow composites the sub-rectangles and transparency the same way: measured, every pixel of
     * all 88 frames equal. The CSV rounds means to 4 decimals, hence the 1e-3 tolerance; a frame
     * drawn at the wrong offset or without transparency moves a mean by more than a level.
     */
    @Test
    void compositedFramesMatchPillowsMeans() throws IOException {
        List<VideoFixtures.FrameMeans> pillow = VideoFixtures.reference("demo_gif_pillow.csv");
        try (VideoSource video = VideoSource.open(VideoFixtures.demoGif(), TruncatedFramePolicy.FAIL)) {
            List<VideoFrame> frames = video.readAll();
            assertEquals(pillow.size(), frames.size());
            for (int i = 0; i < frames.size(); i++) {
                assertArrayEquals(pillow.get(i).meanBgr(), VideoFixtures.meanBgr(frames.get(i).image()), 1e-3, "frame " + i);
            }
        }
    }
    /**
     * Disposal methods on a 4x2 screen (palette red, green, blue, white; background white), the
     * expected pictures worked out from the GIF89a rules:
     * frame 0 paints all red (keep); frame 1 paints (1,0),(2,0) green, then restores them to the
     * background; frame 2 paints (0,1) blue, then restores the previous picture; frame 3 is one
     * fully transparent pixel at (3,1), so it shows what was there.
     */
    @Test
    void disposalMethodsAndOffsetsCompositeAsGif89aSays() throws IOException {
        Path gif = tmp.resolve("disposal.gif");
        Files.write(gif, new TinyGif(4, 2, new int[] {RED, GREEN, BLUE, WHITE}, 3)
                .frame(0, 0, 4, 2, 10, 1, -1, 0, 0, 0, 0, 0, 0, 0, 0)
                .frame(1, 0, 2, 1, 20, 2, -1, 1, 1)
                .frame(0, 1, 1, 1, 30, 3, -1, 2)
                .frame(3, 1, 1, 1, 0, 1, 3, 3)
                .bytes());
        int[][] expected = {
            {RED, RED, RED, RED, RED, RED, RED, RED},
            {RED, GREEN, GREEN, RED, RED, RED, RED, RED},
            {RED, WHITE, WHITE, RED, BLUE, RED, RED, RED},
            {RED, WHITE, WHITE, RED, RED, RED, RED, RED},
        };
        double[] seconds = {0, 0.1, 0.3, 0.6};
        try (VideoSource video = VideoSource.open(gif, TruncatedFramePolicy.FAIL)) {
            List<VideoFrame> frames = video.readAll();
            assertEquals(4, frames.size());
            for (int i = 0; i < 4; i++) {
                assertEquals(seconds[i], frames.get(i).timestampSeconds(), 1e-12, "frame " + i);
                for (int p = 0; p < 8; p++) {
                    int rgb = expected[i][p];
                    int x = p % 4;
                    int y = p / 4;
                    String at = "frame " + i + " pixel (" + x + ", " + y + ")";
                    assertEquals(rgb & 0xff, frames.get(i).image().get(x, y, 0), at);
                    assertEquals((rgb >> 8) & 0xff, frames.get(i).image().get(x, y, 1), at);
                    assertEquals(rgb >> 16, frames.get(i).image().get(x, y, 2), at);
                }
            }
        }
    }
}
