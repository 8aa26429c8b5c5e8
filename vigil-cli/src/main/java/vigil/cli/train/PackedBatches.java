package vigil.cli.train;

import java.io.IOException;
import java.util.function.UnaryOperator;
import vigil.liveness.train.BatchSource;
import vigil.liveness.train.TrainBatch;

/** A batch source whose batches pass through a pure function (the model's target packing); positions are unchanged. */
public record PackedBatches(BatchSource inner, UnaryOperator<TrainBatch> packing) implements BatchSource {
    @Override
    public long batchesPerEpoch() {
        return inner.batchesPerEpoch();
    }

    @Override
    public TrainBatch batch(long index) throws IOException {
        return packing.apply(inner.batch(index));
    }

    @Override
    public void close() {
        inner.close();
    }
}
