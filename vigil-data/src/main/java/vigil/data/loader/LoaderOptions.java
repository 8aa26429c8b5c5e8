package vigil.data.loader;

import java.io.PrintStream;

/**
 * How a {@link Loader} runs. Start from {@link #batchSize(int)} and change with the withers.
 *
 * @param batchSize     items per batch
 * @param epochs        passes over the dataset
 * @param seed          fixes the order and every transform's randomness
 * @param workers       decode + transform threads; the batches do not depend on it
 * @param shuffleBuffer {@link ShuffleBuffer} size; 0 or 1 keeps dataset order, at least the dataset
 *                      size shuffles fully
 * @param interleave    label balancing applied after the shuffle
 * @param dropLast      drop an epoch's last batch when it has fewer than batchSize positions
 * @param prefetch      batches made ahead of the consumer, at most (bounds memory)
 * @param skipBad       skip (and count) samples whose reading throws an IOException instead of stopping
 * @param progress      where to draw a progress bar (items/s), or null for none
 */
public record LoaderOptions(int batchSize, int epochs, long seed, int workers, int shuffleBuffer, Interleave interleave,
                            boolean dropLast, int prefetch, boolean skipBad, PrintStream progress) {
    public LoaderOptions {
        require(batchSize >= 1, "batchSize must be >= 1, got " + batchSize);
        require(epochs >= 1, "epochs must be >= 1, got " + epochs);
        require(workers >= 1, "workers must be >= 1, got " + workers);
        require(shuffleBuffer >= 0, "shuffleBuffer must be >= 0, got " + shuffleBuffer);
        require(prefetch >= 1, "prefetch must be >= 1, got " + prefetch);
        require(interleave != null, "interleave must not be null (use Interleave.NONE)");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("LoaderOptions: " + message);
        }
    }

    /**
     * Defaults: 1 epoch, seed 0, one worker per processor, no shuffle, no interleave, keep the
     * last batch, prefetch 2 batches per worker, stop on bad samples, no progress bar.
     */
    public static LoaderOptions batchSize(int batchSize) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new LoaderOptions(batchSize, 1, 0L, cores, 0, Interleave.NONE, false, 2 * cores, false, null);
    }

    public LoaderOptions withEpochs(int n) {
        return new LoaderOptions(batchSize, n, seed, workers, shuffleBuffer, interleave, dropLast, prefetch, skipBad, progress);
    }

    public LoaderOptions withSeed(long s) {
        return new LoaderOptions(batchSize, epochs, s, workers, shuffleBuffer, interleave, dropLast, prefetch, skipBad, progress);
    }

    /** Also sets prefetch to 2 batches per worker. */
    public LoaderOptions withWorkers(int n) {
        return new LoaderOptions(batchSize, epochs, seed, n, shuffleBuffer, interleave, dropLast, 2 * n, skipBad, progress);
    }

    public LoaderOptions withShuffleBuffer(int size) {
        return new LoaderOptions(batchSize, epochs, seed, workers, size, interleave, dropLast, prefetch, skipBad, progress);
    }

    /** A buffer larger than any dataset: a uniformly random permutation every epoch. */
    public LoaderOptions withFullShuffle() {
        return withShuffleBuffer(Integer.MAX_VALUE);
    }

    public LoaderOptions withInterleave(Interleave how) {
        return new LoaderOptions(batchSize, epochs, seed, workers, shuffleBuffer, how, dropLast, prefetch, skipBad, progress);
    }

    public LoaderOptions withDropLast(boolean drop) {
        return new LoaderOptions(batchSize, epochs, seed, workers, shuffleBuffer, interleave, drop, prefetch, skipBad, progress);
    }

    public LoaderOptions withPrefetch(int batches) {
        return new LoaderOptions(batchSize, epochs, seed, workers, shuffleBuffer, interleave, dropLast, batches, skipBad, progress);
    }

    public LoaderOptions withSkipBad(boolean skip) {
        return new LoaderOptions(batchSize, epochs, seed, workers, shuffleBuffer, interleave, dropLast, prefetch, skip, progress);
    }

    public LoaderOptions withProgress(PrintStream out) {
        return new LoaderOptions(batchSize, epochs, seed, workers, shuffleBuffer, interleave, dropLast, prefetch, skipBad, out);
    }
}
