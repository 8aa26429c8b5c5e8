package vigil.data.augment;

import vigil.data.image.BgrImage;

/**
 * The concrete parameters of one applied augmentation (implemented by records, whose toString
 * records the values). Applying is deterministic: any noise is generated from a seed held in the
 * record, so the same parameters always give the same bytes.
 */
public interface OpParams {
    /** image -> a new image of the same size (the input is not modified). */
    BgrImage apply(BgrImage image);

    /**
     * The same change for a dense per-pixel target (depth map, mask): identity for photometric
     * ops; geometric ops move the target exactly as they move the image so the two stay aligned.
     */
    default DenseMap applyToTarget(DenseMap target) {
        return target;
    }
}
