package vigil.data.loader;

import java.io.IOException;
import vigil.data.dataset.Sample;
import vigil.data.image.BgrImage;
import vigil.data.image.OpenCvResize;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;

/**
 * Turns a sample into a training item on a loader worker: decode, crop, augment, resize, convert.
 * Every random choice must come from the given generator, which the loader derives from (seed,
 * epoch, dataset index) alone, so the same seed gives the same items whatever the thread count.
 * It must be safe to call from several threads at once (keep no mutable state).
 *
 * <p>An IOException means a bad input (corrupt image, missing file); the loader skips and counts it
 * when asked to, and otherwise stops naming the sample. Any other exception is a bug and always stops.
 */
@FunctionalInterface
public interface SampleTransform {
    TrainingItem apply(Sample sample, Rng rng) throws IOException;

    /**
     * Decode, resize to width x height with OpenCV's INTER_LINEAR, and convert to float32 [3, H, W]
     * in BGR order with values 0..255 (what the Silent-Face models take). Uses no randomness.
     */
    static SampleTransform resizeTo(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("resizeTo: size must be positive, got " + width + "x" + height);
        }
        return (sample, rng) -> {
            BgrImage image = sample.image().load();
            BgrImage sized = image.width() == width && image.height() == height ? image
                    : OpenCvResize.linear(image, width, height);
            return TrainingItem.of(Tensor.of(sized.toTensor().data(), BgrImage.CHANNELS, height, width), sample.label());
        };
    }
}
