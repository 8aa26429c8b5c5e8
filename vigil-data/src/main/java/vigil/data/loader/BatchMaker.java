package vigil.data.loader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import vigil.data.dataset.Dataset;
import vigil.data.dataset.Sample;
import vigil.tensor.Tensor;

/** Makes one batch on a worker thread: read, transform and stack its samples. */
final class BatchMaker {
    /** A finished batch slot: a batch (null when every sample was skipped) or the failure that stops the run. */
    record Made(long index, int positions, Batch batch, List<SkippedSample> skipped, LoaderException failure) {}

    private final Dataset dataset;
    private final SampleTransform transform;
    private final EpochPlan plan;
    private final boolean skipBad;

    BatchMaker(Dataset dataset, SampleTransform transform, EpochPlan plan, boolean skipBad) {
        this.dataset = dataset;
        this.transform = transform;
        this.plan = plan;
        this.skipBad = skipBad;
    }

    /** The batch, or null when stopped part-way (the loader is closing). */
    Made make(long index, BooleanSupplier stopped) {
        int epoch = plan.epochOf(index);
        int[] indices = plan.indicesOf(index);
        List<TrainingItem> items = new ArrayList<>(indices.length);
        List<String> ids = new ArrayList<>(indices.length);
        List<SkippedSample> skipped = new ArrayList<>();
        for (int datasetIndex : indices) {
            if (stopped.getAsBoolean()) {
                return null;
            }
            String id = "dataset index " + datasetIndex;
            try {
                Sample sample = dataset.sample(datasetIndex);
                id = sample.id();
                TrainingItem item = transform.apply(sample, plan.sampleRng(epoch, datasetIndex));
                if (item == null) {
                    throw new IllegalStateException("the transform returned null");
                }
                items.add(item);
                ids.add(id);
            } catch (IOException e) {
                if (stopped.getAsBoolean()) {
                    return null;
                }
                if (!skipBad) {
                    return failed(index, indices.length, id, datasetIndex, e);
                }
                skipped.add(new SkippedSample(id, datasetIndex, epoch, String.valueOf(e.getMessage())));
            } catch (RuntimeException | Error e) {
                if (stopped.getAsBoolean()) {
                    return null;
                }
                return failed(index, indices.length, id, datasetIndex, e);
            }
        }
        if (items.isEmpty()) {
            return new Made(index, indices.length, null, skipped, null);
        }
        try {
            return new Made(index, indices.length, stack(index, epoch, items, ids, skipped.size()), skipped, null);
        } catch (LoaderException e) {
            return new Made(index, indices.length, null, skipped, e);
        } catch (RuntimeException e) {
            String message = "batch " + plan.indexInEpoch(index) + " of epoch " + epoch + ": stacking failed: " + e;
            return new Made(index, indices.length, null, skipped, new LoaderException(message, null, e));
        }
    }

    private Made failed(long index, int positions, String id, int datasetIndex, Throwable cause) {
        String message = "sample " + id + " (dataset index " + datasetIndex + ", epoch " + plan.epochOf(index)
                + ", batch " + plan.indexInEpoch(index) + "): "
                + (cause instanceof IOException && cause.getMessage() != null ? cause.getMessage() : cause.toString());
        return new Made(index, positions, null, List.of(), new LoaderException(message, id, cause));
    }

    /** Items stacked: images [B, ...], labels int64 [B], targets [B, ...] when present. */
    private Batch stack(long index, int epoch, List<TrainingItem> items, List<String> ids, int skipped) {
        int b = items.size();
        Tensor images = stackTensors(items.stream().map(TrainingItem::image).toList(), ids, "image");
        long[] labels = new long[b];
        for (int i = 0; i < b; i++) {
            labels[i] = items.get(i).label();
        }
        boolean withTargets = items.get(0).target().isPresent();
        List<Tensor> targets = new ArrayList<>(b);
        for (int i = 0; i < b; i++) {
            Optional<Tensor> target = items.get(i).target();
            if (target.isPresent() != withTargets) {
                throw new LoaderException("sample " + ids.get(i) + (withTargets ? " has no target but " : " has a target but ")
                        + ids.get(0) + " in the same batch " + (withTargets ? "has" : "has not"), ids.get(i), null);
            }
            target.ifPresent(targets::add);
        }
        Optional<Tensor> stackedTargets = withTargets ? Optional.of(stackTensors(targets, ids, "target")) : Optional.empty();
        return new Batch(index, epoch, plan.indexInEpoch(index), images, Tensor.ofLongs(labels, b), stackedTargets, ids,
                skipped);
    }

    private static Tensor stackTensors(List<Tensor> tensors, List<String> ids, String what) {
        int[] shape = tensors.get(0).shape();
        int numel = tensors.get(0).numel();
        float[] out = new float[tensors.size() * numel];
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            if (!Arrays.equals(t.shape(), shape)) {
                throw new LoaderException("sample " + ids.get(i) + ": " + what + " shape " + Arrays.toString(t.shape())
                        + " differs from " + Arrays.toString(shape) + " of sample " + ids.get(0)
                        + " in the same batch", ids.get(i), null);
            }
            System.arraycopy(t.data(), 0, out, i * numel, numel);
        }
        int[] batched = new int[shape.length + 1];
        batched[0] = tensors.size();
        System.arraycopy(shape, 0, batched, 1, shape.length);
        return Tensor.of(out, batched);
    }
}
