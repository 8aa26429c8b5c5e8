package vigil.liveness.blink;

import java.util.List;

/**
 * The verdict on a video from the passive and the blink evidence of the same frames: the
 * smoothed passive live probability after the last frame, the plain mean of the per-frame live
 * probabilities (frames with a face), how many frames had a face for the passive check, the
 * blinks, the challenge's result, and the conclusion: live only when the smoothed passive score
 * is at least 0.5 and the challenge passed.
 */
public record VideoVerdict(float smoothedPassiveScore, float meanPassiveScore, int framesWithFace, int frames,
                           List<BlinkEvent> blinks, BlinkChallenge.Result challenge, boolean live) {
}
