package vigil.liveness.blink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.data.image.BgrImage;
import vigil.data.image.ImageDecoder;
import vigil.data.video.TruncatedFramePolicy;
import vigil.data.video.VideoDecodeException;
import vigil.data.video.VideoFrame;
import vigil.data.video.VideoSource;

/**
 * The shipped blink models on real video. Reference: DATA.md's labelling of kphotoalbum's
 * demo/movie.avi (68 frames, 15 fps): one blink at frames 34-36, eyes fully closed at 35, open
 * everywhere else. The clip's frames 30-40 are held out of training (BlinkTrainCommand), and no
 * threshold was set from this clip (BlinkEventExtractor.Thresholds.DEFAULT is fixed a priori).
 */
class KphotoalbumClipBlinkTest {
    private static LandmarkEyeObserver observer;
    private static BlinkModels models;
    private static VideoBlinks avi;

    /** Loaded by the first test that runs; without fetched data each test is skipped with the reason. */
    @BeforeEach
    void load() throws Exception {
        synchronized (KphotoalbumClipBlinkTest.class) {
            if (observer == null) {
                observer = LandmarkEyeObserver.load(BlinkFixtures.faceApi());
                models = BlinkModels.shipped();
            }
        }
    }

    /** The AVI read once and shared by the tests that need it (analysis takes a few seconds). */
    private static synchronized VideoBlinks avi() throws Exception {
        if (avi == null) {
            avi = VideoBlinks.analyse(BlinkFixtures.clip(), observer, models);
        }
        return avi;
    }

    @Test
    void clipHasExactlyOneBlinkWithinFrames34To36() throws Exception {
        VideoBlinks v = avi();
        assertEquals(68, v.frames());
        assertEquals(1, v.blinks().size(), "blinks: " + v.blinks());
        BlinkEvent e = v.blinks().get(0);
        assertTrue(e.start() >= 34 && e.end() <= 36, "blink frames " + e.start() + "-" + e.end());
        assertTrue(Math.abs(e.peak() - 35) <= 1, "peak at " + e.peak());
    }

    @Test
    void stillPhotoShownAsVideoHasNoBlink() throws Exception {
        // Grace Hopper's portrait repeated 60 times at 15 fps: what a photo held to the camera gives
        BgrImage still = ImageDecoder.readBgr(BlinkFixtures.photo("grace_hopper_512x512.jpg"));
        BlinkDetector d = new BlinkDetector(observer, models);
        for (int i = 0; i < 60; i++) {
            d.accept(still, i / 15.0);
        }
        d.finish();
        assertTrue(d.frames().stream().allMatch(BlinkFrame::faceFound), "the face must be seen for the test to mean anything");
        assertEquals(List.of(), d.events());
    }

    @Test
    void stillClipFrameShownAsVideoHasNoBlink() throws Exception {
        BgrImage still;
        try (VideoSource src = VideoSource.open(BlinkFixtures.clip(), TruncatedFramePolicy.FAIL)) {
            still = src.next().map(VideoFrame::image).orElseThrow();
        }
        BlinkDetector d = new BlinkDetector(observer, models);
        for (int i = 0; i < 60; i++) {
            d.accept(still, i / 15.0);
        }
        d.finish();
        assertTrue(d.frames().stream().allMatch(BlinkFrame::faceFound));
        assertEquals(List.of(), d.events());
    }

    @Test
    void folderOfTheClipsFramesGivesTheSameBlinksAsTheAvi(@TempDir Path dir) throws Exception {
        // same pixels, timestamps i / 15 instead of the AVI's i * 66,666 us: the events must agree frame for frame
        try (VideoSource src = VideoSource.open(BlinkFixtures.clip(), TruncatedFramePolicy.FAIL)) {
            for (VideoFrame f : src.readAll()) {
                f.image().writePng(dir.resolve(String.format("frame%03d.png", f.index())));
            }
        }
        VideoBlinks folder = VideoBlinks.analyse(dir, 15.0, observer, models);
        assertEquals(avi().frames(), folder.frames());
        assertEquals(avi().blinks().stream().map(e -> List.of(e.start(), e.end(), e.peak())).toList(),
                folder.blinks().stream().map(e -> List.of(e.start(), e.end(), e.peak())).toList());
    }

    @Test
    void truncatedClipFailsNamingTheFileAndOffset(@TempDir Path dir) throws Exception {
        byte[] all = Files.readAllBytes(BlinkFixtures.clip());
        Path cut = dir.resolve("cut.avi");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        VideoDecodeException e = assertThrows(VideoDecodeException.class, () -> VideoBlinks.analyse(cut, observer, models));
        assertTrue(e.getMessage().contains("cut.avi"), e.getMessage());
        assertTrue(e.byteOffset() >= 0 && e.byteOffset() <= all.length / 2, "offset " + e.byteOffset());
    }

    @Test
    void unsupportedFileFailsSayingWhatIsRead(@TempDir Path dir) throws Exception {
        Path fake = dir.resolve("photo.avi");
        Files.copy(BlinkFixtures.photo("grace_hopper_512x512.jpg"), fake);
        VideoDecodeException e = assertThrows(VideoDecodeException.class, () -> VideoBlinks.analyse(fake, observer, models));
        assertTrue(e.getMessage().contains("photo.avi") && e.getMessage().contains("MJPEG AVI"), e.getMessage());
    }
}
