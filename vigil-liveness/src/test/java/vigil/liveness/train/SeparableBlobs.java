package vigil.liveness.train;

import java.io.IOException;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;

/**
 * A synthetic batch source: points in 4-D around two class centres (+1.5 and -1.5 on every axis,
 * unit Gaussian noise), so the classes are separable with high margin. Batch k is a function of
 * (seed, epoch, index in epoch) alone. It can be told to throw at one index (a crash) or to put a
 * NaN into one batch (a corrupt sample).
 */
class SeparableBlobs implements BatchSource {
    static final int FEATURES = 4;

    private final long seed;
    private final int batchSize;
    private final long batchesPerEpoch;
    private long crashAt = -1;
    private long nanAt = -1;

    SeparableBlobs(long seed, int batchSize, long batchesPerEpoch) {
        this.seed = seed;
        this.batchSize = batchSize;
        this.batchesPerEpoch = batchesPerEpoch;
    }

    SeparableBlobs crashingAt(long index) {
        crashAt = index;
        return this;
    }

    SeparableBlobs poisonedAt(long index) {
        nanAt = index;
        return this;
    }

    @Override
    public long batchesPerEpoch() {
        return batchesPerEpoch;
    }

    @Override
    public TrainBatch batch(long index) throws IOException {
        if (index == crashAt) {
            throw new IOException("simulated crash reading batch " + index);
        }
        Rng rng = new Rng(seed).fork(index / batchesPerEpoch).fork(index % batchesPerEpoch);
        float[] x = new float[batchSize * FEATURES];
        long[] y = new long[batchSize];
        for (int i = 0; i < batchSize; i++) {
            y[i] = rng.nextInt(2);
            float centre = y[i] == 1 ? 1.5f : -1.5f;
            for (int j = 0; j < FEATURES; j++) {
                x[i * FEATURES + j] = centre + (float) rng.nextGaussian();
            }
        }
        if (index == nanAt) {
            x[0] = Float.NaN;
        }
        return new TrainBatch(Tensor.of(x, batchSize, FEATURES), Tensor.ofLongs(y, batchSize));
    }
}
