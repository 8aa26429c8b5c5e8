package vigil.liveness.blink;

import vigil.tensor.init.Rng;

/**
 * The blink sequence model: a one-layer GRU over per-frame {@link BlinkFeatures} and a linear head
 * giving, per frame, the logit of "the eyes are closed in a blink". Layers with engine goldens:
 * gru (batch-first), linear.
 *
 * <pre>
 * x [N, T, BlinkFeatures.SIZE] -> GRU -> y [N, T, H] -> linear -> logits [N, T, 1]
 * </pre>
 */
public final class BlinkGru extends FrameLogitGru {
    public static final int HIDDEN = 16;

    public BlinkGru(Rng rng) {
        super(BlinkFeatures.SIZE, HIDDEN, rng);
    }
}
