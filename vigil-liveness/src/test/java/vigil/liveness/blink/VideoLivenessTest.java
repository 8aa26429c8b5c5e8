package vigil.liveness.blink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vigil.data.video.TruncatedFramePolicy;
import vigil.data.video.VideoFrame;
import vigil.data.video.VideoSource;
import vigil.liveness.passive.PassiveLiveness;

/**
 * The combined video verdict reads passive and blink evidence from the same frames: its blinks are
 * exactly those of a blink detector run alone on the stream, and its conclusion is the stated
 * rule (smoothed passive score >= 0.5 and the challenge passed).
 */
class VideoLivenessTest {
    @Test
    void verdictCombinesTheBlinkDetectorsEventsWithTheSmoothedPassiveScore() throws Exception {
        Path models = Path.of(System.getProperty("vigil.shared", "../../shared")).resolve("models/silent-face");
        assumeTrue(Files.isDirectory(models), "Silent-Face models not found at " + models.toAbsolutePath());
        Path clip = BlinkFixtures.clip();
        LandmarkEyeObserver observer = LandmarkEyeObserver.load(BlinkFixtures.faceApi());
        BlinkModels blinkModels = BlinkModels.shipped();
        VideoLiveness video = new VideoLiveness(PassiveLiveness.load(models, 0.6f), new BlinkDetector(observer, blinkModels),
                blinkModels.smoother(), new BlinkChallenge(1, 5.0));
        try (VideoSource src = VideoSource.open(clip, TruncatedFramePolicy.FAIL)) {
            for (Optional<VideoFrame> f = src.next(); f.isPresent(); f = src.next()) {
                video.accept(f.get().image(), f.get().timestampSeconds());
            }
        }
        VideoVerdict v = video.finish();
        VideoBlinks alone = VideoBlinks.analyse(clip, observer, blinkModels);
        assertEquals(alone.blinks(), v.blinks());
        assertEquals(68, v.frames());
        assertEquals(v.smoothedPassiveScore() >= 0.5f && v.challenge().passed() && v.framesWithFace() > 0, v.live());
        assertEquals(!alone.blinks().isEmpty(), v.challenge().passed());
    }
}
