package vigil.data.dataset;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One labelled training example, before decoding.
 *
 * @param id a stable name: the image file's path as the dataset was opened with (source folder +
 *     relative path), or {@code shard:index} for a record; error messages and batch listings use it
 * @param image the pixels, loaded lazily (on a loader worker)
 * @param label the class; for liveness datasets its meaning (which value is live) is the source's,
 *     see each dataset's documentation
 * @param spoofType the attack type when the source gives one (CelebA-Spoof's codes: 0 live, 1 photo,
 *     2 poster, 3 A4, 4 face mask, 5 upper-body mask, 6 region mask, 7 PC, 8 pad, 9 phone, 10 3D mask)
 * @param depthMap a depth (or other auxiliary) map image, when the source has one
 * @param box the face box, when the source has one
 */
public record Sample(String id, ImageSource image, int label, OptionalInt spoofType,
                     Optional<ImageSource> depthMap, Optional<Box> box) {
    public Sample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(spoofType, "spoofType");
        Objects.requireNonNull(depthMap, "depthMap");
        Objects.requireNonNull(box, "box");
    }

    /** A sample with only an image and a label. */
    public static Sample of(String id, ImageSource image, int label) {
        return new Sample(id, image, label, OptionalInt.empty(), Optional.empty(), Optional.empty());
    }

    public Sample withSpoofType(int type) {
        return new Sample(id, image, label, OptionalInt.of(type), depthMap, box);
    }

    public Sample withDepthMap(ImageSource map) {
        return new Sample(id, image, label, spoofType, Optional.of(map), box);
    }

    public Sample withBox(Box faceBox) {
        return new Sample(id, image, label, spoofType, depthMap, Optional.of(faceBox));
    }

    @Override
    public String toString() {
        return "Sample[" + id + ", label " + label + "]";
    }
}
