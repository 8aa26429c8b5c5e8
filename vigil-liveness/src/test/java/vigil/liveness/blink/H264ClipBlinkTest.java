package vigil.liveness.blink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An H.264 MP4 through the whole blink pipeline (VideoSource.open -> H264Mp4Reader -> landmarks ->
 * eye CNN -> GRU -> events). The clip is vigil-data's committed fixture main.mp4
 * (tools/video-fixtures/make-h264-fixtures.sh): 24 frames at 15 fps, Main profile with B-frames, a
 * slow pan and zoom over the Grace Hopper portrait. A still photo moved across the frame has no
 * blink, so the reference is zero events, with the face seen in every frame for that to mean anything.
 */
class H264ClipBlinkTest {
    private static final Path CLIP = Path.of("../vigil-data/src/test/resources/vigil/data/video/h264/main.mp4");

    @Test
    void stillPortraitPanInH264HasNoBlink() throws Exception {
        assertTrue(Files.isRegularFile(CLIP), "committed fixture missing: " + CLIP.toAbsolutePath());
        VideoBlinks v = VideoBlinks.analyse(CLIP, LandmarkEyeObserver.load(BlinkFixtures.faceApi()),
                BlinkModels.shipped());
        assertEquals(24, v.frames());
        assertEquals(15.0, v.fps(), 1e-12, "1024/15360 s per frame");
        assertTrue(v.readings().stream().allMatch(BlinkFrame::faceFound), "the face must be seen in every frame");
        assertEquals(List.of(), v.blinks());
    }
}
