package vigil.data.dataset;

/**
 * A face box, top-left corner plus size, in the pixel frame of a {@code frameWidth x frameHeight}
 * image. A frame of 0 x 0 means the sample's own image; other frames say the coordinates were
 * written for a resized copy (CelebA-Spoof's {@code *_BB.txt} boxes refer to a 224 x 224 frame),
 * and {@link #inImage} scales them to the decoded image.
 */
public record Box(float x, float y, float width, float height, int frameWidth, int frameHeight) {
    public Box {
        if (!(width >= 0 && height >= 0) || !Float.isFinite(x) || !Float.isFinite(y)) {
            throw new IllegalArgumentException("Box needs finite coordinates and a non-negative size, got ("
                    + x + ", " + y + ") " + width + "x" + height);
        }
        if (frameWidth < 0 || frameHeight < 0 || (frameWidth == 0) != (frameHeight == 0)) {
            throw new IllegalArgumentException("Box frame must be 0x0 (the image itself) or positive, got "
                    + frameWidth + "x" + frameHeight);
        }
    }

    /** A box in the pixels of the sample's own image. */
    public static Box pixels(float x, float y, float width, float height) {
        return new Box(x, y, width, height, 0, 0);
    }

    /** This box in the pixels of an {@code imageWidth x imageHeight} image (the frame scaled per axis). */
    public Box inImage(int imageWidth, int imageHeight) {
        if (frameWidth == 0) {
            return this;
        }
        float sx = (float) imageWidth / frameWidth;
        float sy = (float) imageHeight / frameHeight;
        return pixels(x * sx, y * sy, width * sx, height * sy);
    }
}
