package vigil.liveness.train;

import vigil.tensor.Tensor;

/**
 * One step's data: inputs [B, ...] (float32) and the targets the {@link Objective} expects
 * (class indices [B] int64 for classification).
 */
public record TrainBatch(Tensor inputs, Tensor targets) {
    public TrainBatch {
        if (inputs.rank() == 0 || targets.rank() == 0 || inputs.dim(0) != targets.dim(0)) {
            throw new IllegalArgumentException("TrainBatch: inputs " + vigil.tensor.Shape.str(inputs.shape())
                    + " and targets " + vigil.tensor.Shape.str(targets.shape()) + " must share the batch dimension");
        }
    }

    public int size() {
        return inputs.dim(0);
    }
}
