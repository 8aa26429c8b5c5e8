package vigil.face.crop;

import vigil.data.image.BgrImage;
import vigil.data.image.OpenCvResize;

/**
 * The size at which the Silent-Face pipeline runs its RetinaFace detector: an image of at least
 * 192 x 192 pixels in area is resized (bilinear) to about 192 x 192 pixels of area at its own
 * aspect ratio, (int(192 * sqrt(w/h)), int(192 / sqrt(w/h))); a smaller one is used as it is.
 * Detections come back in [0, 1] coordinates, so they map onto the original image either way.
 */
public record DetectorInput(int width, int height) {
    public static final int SIDE = 192;

    public DetectorInput {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("DetectorInput: size must be positive, got " + width + "x" + height);
        }
    }

    /** The detector input size for an imageW x imageH image. */
    public static DetectorInput size(int imageW, int imageH) {
        if (imageW <= 0 || imageH <= 0) {
            throw new IllegalArgumentException("DetectorInput.size: image size must be positive, got " + imageW + "x" + imageH);
        }
        if ((long) imageW * imageH < (long) SIDE * SIDE) {
            return new DetectorInput(imageW, imageH);
        }
        double root = Math.sqrt((double) imageW / imageH);
        // int() truncation as in the reference. Beyond about 1:36 000 aspect the reference would ask
        // cv2.resize for a zero side and fail; here that side stays 1 pixel.
        return new DetectorInput(Math.max(1, (int) (SIDE * root)), Math.max(1, (int) (SIDE / root)));
    }

    /** The image as the detector sees it: resized like cv2.resize INTER_LINEAR, or the same image when small. */
    public static BgrImage resize(BgrImage image) {
        DetectorInput size = size(image.width(), image.height());
        if (size.width() == image.width() && size.height() == image.height()) {
            return image;
        }
        return OpenCvResize.linear(image, size.width(), size.height());
    }
}
