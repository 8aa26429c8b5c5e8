package vigil.liveness.blink;

import java.util.List;
import vigil.data.image.BgrImage;
import vigil.liveness.passive.FaceVerdict;
import vigil.liveness.passive.PassiveLiveness;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.ops.Activations;
import vigil.tensor.ops.RecurrentOutput;

/**
 * Passive and blink liveness over one video stream, frame by frame: each frame goes to the
 * passive check (its most confident face's live probability, smoothed over time by the
 * {@link ScoreSmootherGru}) and to the {@link BlinkDetector}; {@link #finish()} judges the
 * {@link BlinkChallenge} from the stream's first timestamp and combines both into a {@link VideoVerdict}.
 */
public final class VideoLiveness {
    private final PassiveLiveness passive;
    private final BlinkDetector blinks;
    private final ScoreSmootherGru smoother;
    private final BlinkChallenge challenge;
    private Tensor hidden;
    private float smoothed = Float.NaN;
    private double scoreSum;
    private int framesWithFace;
    private int frames;
    private double firstSeconds = Double.NaN;

    public VideoLiveness(PassiveLiveness passive, BlinkDetector blinks, ScoreSmootherGru smoother,
                         BlinkChallenge challenge) {
        this.passive = passive;
        this.blinks = blinks;
        this.smoother = smoother;
        this.challenge = challenge;
    }

    public void accept(BgrImage frame, double timestampSeconds) {
        if (Double.isNaN(firstSeconds)) {
            firstSeconds = timestampSeconds;
        }
        frames++;
        blinks.accept(frame, timestampSeconds);
        List<FaceVerdict> faces = passive.check(frame);
        float score = 0f;
        float present = 0f;
        if (!faces.isEmpty()) {
            score = faces.get(0).probabilities()[FaceVerdict.LIVE_CLASS];
            present = 1f;
            scoreSum += score;
            framesWithFace++;
        }
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            RecurrentOutput o = smoother.step(Tensor.of(new float[] {score, present}, 1, 1, ScoreSmootherGru.INPUTS),
                    hidden);
            hidden = o.hN();
            smoothed = Activations.sigmoid(o.y().item());
        }
    }

    public VideoVerdict finish() {
        blinks.finish();
        BlinkChallenge.Result result = challenge.evaluate(blinks.events(), Double.isNaN(firstSeconds) ? 0 : firstSeconds);
        float mean = framesWithFace == 0 ? 0f : (float) (scoreSum / framesWithFace);
        boolean live = framesWithFace > 0 && smoothed >= 0.5f && result.passed();
        return new VideoVerdict(Float.isNaN(smoothed) ? 0f : smoothed, mean, framesWithFace, frames, blinks.events(),
                result, live);
    }

    public BlinkDetector blinkDetector() {
        return blinks;
    }
}
