package vigil.liveness.model;

/**
 * Weights of the multi-task loss terms; a zero weight drops the term. The live and spoof-type losses
 * are chosen in {@link MultiTaskObjective}; Fourier is MSE; depth is MSE or L1 over samples with depth.
 */
public record LossWeights(double live, double spoofType, double fourier, double depth) {
    public LossWeights {
        for (double w : new double[] {live, spoofType, fourier, depth}) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("LossWeights: weights must be finite and >= 0, got live " + live
                        + ", spoof type " + spoofType + ", fourier " + fourier + ", depth " + depth);
            }
        }
    }

    /** Silent-Face's train_main: 0.5 x cross-entropy + 0.5 x Fourier MSE. */
    public static LossWeights silentFace() {
        return new LossWeights(0.5, 0, 0.5, 0);
    }

    /** The seed author's scheme: live loss + 0.3 x depth loss. */
    public static LossWeights liveAndDepth() {
        return new LossWeights(1, 0, 0, 0.3);
    }
}
