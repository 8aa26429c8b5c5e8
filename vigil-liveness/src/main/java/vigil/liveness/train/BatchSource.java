package vigil.liveness.train;

import java.io.IOException;

/**
 * Where a run's batches come from, addressed by position so a resumed run continues the data order
 * exactly: {@link #batch(long)} for index k must be the same on every call and in every process
 * (fixed by the seed, the epoch k / batchesPerEpoch and the index within it). The trainer asks for
 * 0, 1, 2, ... in order, or from a resume point on; sequential sources may make a jump slow but
 * never wrong.
 */
public interface BatchSource extends AutoCloseable {

    /** Batches in one pass over the data (at least 1). */
    long batchesPerEpoch();

    /** The batch at global index (epoch * batchesPerEpoch + index within the epoch). */
    TrainBatch batch(long index) throws IOException;

    @Override
    default void close() {
    }
}
