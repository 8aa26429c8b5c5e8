package vigil.data.loader;

import java.util.List;
import java.util.Optional;
import vigil.tensor.Tensor;

/**
 * A batch of training items in loader order.
 *
 * @param index       0-based over the whole run (all epochs)
 * @param epoch       0-based
 * @param indexInEpoch 0-based within the epoch
 * @param images      the items' images stacked: [B, ...image shape], float32
 * @param labels      [B] int64
 * @param targets     the items' targets stacked [B, ...target shape], when the transform gives them
 * @param sampleIds   the samples' ids, in batch order
 * @param skipped     how many samples of this batch's positions were skipped as unreadable
 */
public record Batch(long index, int epoch, int indexInEpoch, Tensor images, Tensor labels, Optional<Tensor> targets,
                    List<String> sampleIds, int skipped) {
    public Batch {
        sampleIds = List.copyOf(sampleIds);
    }

    /** The number of items (B). */
    public int size() {
        return sampleIds.size();
    }
}
