package vigil.data.loader;

/**
 * The loader stopped: a sample could not be read or transformed (the message names it: the
 * image file or record, its dataset index, epoch and batch), or the consumer was interrupted.
 * The cause is the original failure. The loader's threads are stopped when this is thrown.
 */
public final class LoaderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String sampleId;

    public LoaderException(String message, String sampleId, Throwable cause) {
        super(message, cause);
        this.sampleId = sampleId;
    }

    /** The failing sample's id (its file path or shard:index), or null when no sample is to blame. */
    public String sampleId() {
        return sampleId;
    }
}
