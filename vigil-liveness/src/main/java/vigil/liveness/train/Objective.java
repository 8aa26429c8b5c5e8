package vigil.liveness.train;

import vigil.tensor.Tensor;

/**
 * What the model's output means: the loss to minimise, how many predictions are right, and, for a
 * live/spoof model, a live score per sample so validation can report the ISO/IEC 30107-3 metrics.
 */
public interface Objective {

    /** The scalar training loss of a batch (recorded for backward). */
    Tensor loss(Tensor output, Tensor targets);

    /** How many of the batch's predictions match their targets. */
    int correct(Tensor output, Tensor targets);

    /** True when {@link #liveScores} and {@link #isLive} are defined. */
    default boolean scoresLiveness() {
        return false;
    }

    /** Per sample, a higher-means-more-live score in [0, 1]. */
    default double[] liveScores(Tensor output) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " gives no live scores");
    }

    /** Per sample, whether its target is a live (bona fide) presentation. */
    default boolean[] isLive(Tensor targets) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " gives no live labels");
    }
}
