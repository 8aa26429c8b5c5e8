package vigil.data.loader;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import vigil.tensor.init.Rng;

/**
 * Which dataset indices make up which batch: epoch e's order is the indices 0..n-1 passed through
 * the shuffle buffer, drawing from {@code new Rng(seed).fork(1).fork(e)}, then interleaved by
 * label; batch k of the epoch holds positions [k * B, min((k + 1) * B, n)) of that order.
 * Orders are computed on first use by whichever thread needs them and dropped when the
 * consumer has moved past their epoch.
 */
final class EpochPlan {
    static final long ORDER_STREAM = 1;
    static final long AUGMENT_STREAM = 2;

    private final int size;
    private final int[] labels;
    private final LoaderOptions options;
    private final int batchesPerEpoch;
    private final ConcurrentHashMap<Integer, int[]> orders = new ConcurrentHashMap<>();

    EpochPlan(int size, int[] labels, LoaderOptions options) {
        this.size = size;
        this.labels = labels;
        this.options = options;
        int b = options.batchSize();
        this.batchesPerEpoch = options.dropLast() ? size / b : (size + b - 1) / b;
    }

    int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    long totalBatches() {
        return (long) batchesPerEpoch * options.epochs();
    }

    int epochOf(long batch) {
        return (int) (batch / batchesPerEpoch);
    }

    int indexInEpoch(long batch) {
        return (int) (batch % batchesPerEpoch);
    }

    /** The dataset indices of a batch, in batch order. */
    int[] indicesOf(long batch) {
        int[] order = orders.computeIfAbsent(epochOf(batch), this::order);
        int from = indexInEpoch(batch) * options.batchSize();
        return Arrays.copyOfRange(order, from, Math.min(from + options.batchSize(), size));
    }

    /** The generator a sample's transform draws from: fixed by (seed, epoch, dataset index) alone. */
    Rng sampleRng(int epoch, int datasetIndex) {
        return new Rng(options.seed()).fork(AUGMENT_STREAM).fork(epoch).fork(datasetIndex);
    }

    /** Frees the orders of epochs before this one. */
    void forgetBefore(int epoch) {
        orders.keySet().removeIf(e -> e < epoch);
    }

    int[] order(int epoch) {
        int[] identity = new int[size];
        Arrays.setAll(identity, i -> i);
        Rng rng = new Rng(options.seed()).fork(ORDER_STREAM).fork(epoch);
        int[] shuffled = ShuffleBuffer.apply(identity, options.shuffleBuffer(), rng);
        return labels == null ? shuffled : options.interleave().apply(shuffled, labels);
    }
}
