package vigil.liveness.train;

/**
 * A training step produced a non-finite loss, gradient or weight. The run stops before the
 * optimizer applies it (or before any checkpoint holds it), so last.safetensors is still the last
 * good state; the message names the step and what went wrong.
 */
public final class TrainingDivergedException extends RuntimeException {
    private final long step;

    public TrainingDivergedException(long step, String what) {
        super("training diverged at step " + step + ": " + what
                + "; stopped without saving, last.safetensors holds the last good state");
        this.step = step;
    }

    /** The 0-based optimizer step that failed. */
    public long step() {
        return step;
    }
}
