package vigil.liveness.qat;

import java.util.List;
import java.util.TreeMap;
import java.util.stream.Collectors;
import vigil.liveness.train.BatchSource;
import vigil.liveness.train.TrainBatch;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;

/**
 * Class-balanced batches: each sample draws a label uniformly among the labels present, then a crop of
 * that label uniformly (with replacement), mirrored left-right with probability 1/2, so a few live faces
 * are not outvoted by many synthesised spoofs. Batch k is fixed by (seed, k).
 * inputs [B, 3, H, W], targets [B] int64.
 */
public final class CropBatchSource implements BatchSource {
    private final List<LabelledCrops.Crop> crops;
    private final List<List<LabelledCrops.Crop>> byLabel;
    private final int batchSize;
    private final long seed;

    public CropBatchSource(List<LabelledCrops.Crop> crops, int batchSize, long seed) {
        if (crops.isEmpty() || batchSize < 2) {
            throw new IllegalArgumentException("CropBatchSource: " + crops.size() + " crops, batch size " + batchSize
                    + " (need crops, and at least 2 per batch for batch statistics)");
        }
        this.crops = List.copyOf(crops);
        this.byLabel = List.copyOf(crops.stream().collect(Collectors.groupingBy(
                LabelledCrops.Crop::label, TreeMap::new, Collectors.toList())).values());
        this.batchSize = batchSize;
        this.seed = seed;
    }

    @Override
    public long batchesPerEpoch() {
        return Math.max(1, crops.size() / batchSize);
    }

    @Override
    public TrainBatch batch(long index) {
        Rng rng = new Rng(seed).fork(index);
        int[] shape = crops.get(0).pixels().shape();
        int c = shape[0];
        int h = shape[1];
        int w = shape[2];
        int per = c * h * w;
        float[] x = new float[batchSize * per];
        long[] y = new long[batchSize];
        for (int b = 0; b < batchSize; b++) {
            List<LabelledCrops.Crop> group = byLabel.get(rng.nextInt(byLabel.size()));
            LabelledCrops.Crop crop = group.get(rng.nextInt(group.size()));
            float[] src = crop.pixels().data();
            boolean mirror = rng.nextFloat() < 0.5f;
            for (int ch = 0; ch < c; ch++) {
                for (int row = 0; row < h; row++) {
                    for (int col = 0; col < w; col++) {
                        int from = (ch * h + row) * w + (mirror ? w - 1 - col : col);
                        x[b * per + (ch * h + row) * w + col] = src[from];
                    }
                }
            }
            y[b] = crop.label();
        }
        return new TrainBatch(Tensor.of(x, batchSize, c, h, w), Tensor.ofLongs(y, batchSize));
    }
}
