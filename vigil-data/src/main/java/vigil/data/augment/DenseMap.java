package vigil.data.augment;

/**
 * A single-channel float map aligned with an image (depth map, mask): values[y * width + x].
 * Geometric augmentations move it with the image; everything else leaves it alone.
 */
public record DenseMap(int width, int height, float[] values) {
    public DenseMap {
        if (width <= 0 || height <= 0 || values.length != width * height) {
            throw new IllegalArgumentException("DenseMap " + width + "x" + height + " needs "
                    + ((long) width * height) + " values, got " + values.length);
        }
    }

    public float get(int x, int y) {
        return values[y * width + x];
    }
}
