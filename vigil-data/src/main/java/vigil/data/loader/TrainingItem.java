package vigil.data.loader;

import java.util.Objects;
import java.util.Optional;
import vigil.tensor.Tensor;

/**
 * What a {@link SampleTransform} makes of one sample: the network input (float32, usually
 * [C, H, W]), its class, and optionally a dense target such as a depth or Fourier map (float32).
 * All items of a batch must have equal image shapes (and equal target shapes, or no target).
 */
public record TrainingItem(Tensor image, int label, Optional<Tensor> target) {
    public TrainingItem {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(target, "target");
    }

    public static TrainingItem of(Tensor image, int label) {
        return new TrainingItem(image, label, Optional.empty());
    }

    public static TrainingItem of(Tensor image, int label, Tensor target) {
        return new TrainingItem(image, label, Optional.of(target));
    }
}
