package vigil.liveness.train;

import java.io.IOException;
import vigil.data.dataset.Dataset;
import vigil.data.loader.Batch;
import vigil.data.loader.Loader;
import vigil.data.loader.LoaderOptions;
import vigil.data.loader.SampleTransform;

/**
 * A {@link BatchSource} over vigil-data's {@link Loader}, whose batch k is fixed by (seed, epoch,
 * index) for any worker count. The loader streams in order, so this keeps one open and hands out
 * its batches while the trainer asks for k, k+1, ...; any other index (a resume, a validation pass
 * starting again at 0) reopens the loader and skips to it, which costs making the skipped batches
 * but yields exactly the batch an uninterrupted run saw.
 */
public final class LoaderBatchSource implements BatchSource {
    private final Dataset dataset;
    private final SampleTransform transform;
    private final LoaderOptions options;
    private final long batchesPerEpoch;
    private Loader loader;
    private long next;

    /** options.epochs() must cover the run (the trainer never asks past epochs * batches per epoch). */
    public LoaderBatchSource(Dataset dataset, SampleTransform transform, LoaderOptions options) throws IOException {
        this.dataset = dataset;
        this.transform = transform;
        this.options = options;
        this.loader = Loader.open(dataset, transform, options);
        this.batchesPerEpoch = loader.batchesPerEpoch();
    }

    /**
     * The training source of a run: base's workers, shuffle, interleave and so on, with the config's
     * batch size and seed and enough epochs for its steps.
     */
    public static LoaderBatchSource training(Dataset dataset, SampleTransform transform, LoaderOptions base,
                                             TrainConfig config) throws IOException {
        LoaderOptions sized = new LoaderOptions(config.batchSize(), 1, config.seed(), base.workers(),
                base.shuffleBuffer(), base.interleave(), base.dropLast(), base.prefetch(), base.skipBad(), base.progress());
        long n = dataset.size();
        long perEpoch = sized.dropLast() ? n / sized.batchSize() : (n + sized.batchSize() - 1) / sized.batchSize();
        long epochs = config.epochs() > 0 ? config.epochs() : (config.steps() + perEpoch - 1) / Math.max(1, perEpoch);
        return new LoaderBatchSource(dataset, transform, sized.withEpochs((int) Math.max(1, epochs)));
    }

    @Override
    public long batchesPerEpoch() {
        return batchesPerEpoch;
    }

    @Override
    public TrainBatch batch(long index) throws IOException {
        if (index < 0 || index >= batchesPerEpoch * options.epochs()) {
            throw new IllegalArgumentException("LoaderBatchSource: batch " + index + " is outside the loader's "
                    + options.epochs() + " epochs of " + batchesPerEpoch + " batches");
        }
        if (index != next) {
            loader.close();
            loader = Loader.open(dataset, transform, options);
            next = 0;
        }
        Batch batch;
        do {
            batch = loader.next();
            next = batch.index() + 1;
        } while (batch.index() < index);
        if (batch.index() != index) {
            // skipBad can leave a batch empty, and the loader then delivers none for that index.
            throw new IOException("LoaderBatchSource: batch " + index + " is empty (all its samples were skipped)");
        }
        return new TrainBatch(batch.images(), batch.labels());
    }

    @Override
    public void close() {
        loader.close();
    }
}
