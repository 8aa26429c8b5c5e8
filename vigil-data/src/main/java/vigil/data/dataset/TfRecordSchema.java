package vigil.data.dataset;

import java.util.Objects;
import java.util.Optional;

/**
 * Which {@code tf.train.Example} features of a TFRecord dataset hold what.
 *
 * @param image     a bytes feature with one value: the encoded image (JPEG, PNG, BMP, GIF); required
 * @param label     an int64 feature with one value; required
 * @param depthMap  a bytes feature with one value: an encoded depth map image
 * @param spoofType an int64 feature with one value
 * @param box       a float (or int64) feature with 4 values: x, y, width, height in the image's pixels
 *     <p>An optional feature named here but missing from a record leaves the sample without it.
 */
public record TfRecordSchema(String image, String label, Optional<String> depthMap, Optional<String> spoofType,
                             Optional<String> box) {
    /** The names TF-slim and the TF object-detection API use: "image/encoded" and "image/class/label". */
    public static final TfRecordSchema DEFAULT = of("image/encoded", "image/class/label");

    public TfRecordSchema {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(depthMap, "depthMap");
        Objects.requireNonNull(spoofType, "spoofType");
        Objects.requireNonNull(box, "box");
    }

    public static TfRecordSchema of(String image, String label) {
        return new TfRecordSchema(image, label, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public TfRecordSchema withDepthMap(String feature) {
        return new TfRecordSchema(image, label, Optional.of(feature), spoofType, box);
    }

    public TfRecordSchema withSpoofType(String feature) {
        return new TfRecordSchema(image, label, depthMap, Optional.of(feature), box);
    }

    public TfRecordSchema withBox(String feature) {
        return new TfRecordSchema(image, label, depthMap, spoofType, Optional.of(feature));
    }
}
