package vigil.liveness.blink;

import vigil.tensor.init.Rng;

/**
 * The "RNN smooth" of per-frame passive liveness scores: a small GRU that reads each frame's
 * live probability (and whether a face was judged at all) and gives a smoothed live logit per
 * frame, so a single misjudged frame does not flip the verdict of a video but a replay that
 * scores spoof over many frames does. Trained on synthetic score sequences ({@link ScoreSequenceSynthesizer}).
 *
 * <pre>
 * x [N, T, 2] (score in [0,1], face present 0/1) -> GRU(2 -> HIDDEN) -> linear -> logits [N, T, 1]
 * </pre>
 */
public final class ScoreSmootherGru extends FrameLogitGru {
    public static final int HIDDEN = 8;
    public static final int INPUTS = 2;

    public ScoreSmootherGru(Rng rng) {
        super(INPUTS, HIDDEN, rng);
    }
}
