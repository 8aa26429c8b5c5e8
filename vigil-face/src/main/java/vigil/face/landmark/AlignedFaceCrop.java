package vigil.face.landmark;

import vigil.data.image.BgrImage;

/**
 * A face crop aligned on the two eye centres by a similarity transform (rotation, uniform scale,
 * translation): the image-left eye centre lands at {@code (leftX, eyeY)} and the image-right one at
 * {@code (rightX, eyeY)} of the output, so the eyes are horizontal, at fixed places and a fixed
 * distance apart whatever the face's position, size and roll.
 *
 * <p>Coordinates, in the image and in the output alike, follow the landmarks' convention: pixel
 * (i, j) has its centre at (i, j). Pixels are sampled bilinearly with {@link EyeCrop}'s sampler;
 * outside the image the border pixel is repeated.
 */
public final class AlignedFaceCrop {
    private AlignedFaceCrop() {
    }

    /** Mean of points 36-41 (image-left eye) as {@code {x, y}}. */
    public static double[] leftEyeCentre(FaceLandmarks face) {
        return centre(face, FaceLandmarks.LEFT_EYE_FIRST);
    }

    /** Mean of points 42-47 (image-right eye) as {@code {x, y}}. */
    public static double[] rightEyeCentre(FaceLandmarks face) {
        return centre(face, FaceLandmarks.RIGHT_EYE_FIRST);
    }

    private static double[] centre(FaceLandmarks face, int first) {
        double x = 0;
        double y = 0;
        for (int i = first; i < first + 6; i++) {
            x += face.pointX(i);
            y += face.pointY(i);
        }
        return new double[] {x / 6, y / 6};
    }

    /**
     * A size x size crop mapping image point {@code left} to output {@code (leftX, eyeY)} and image
     * point {@code right} to output {@code (rightX, eyeY)}; leftX must be below rightX.
     */
    public static BgrImage crop(BgrImage image, double[] left, double[] right, int size,
                                double leftX, double rightX, double eyeY) {
        if (size <= 0 || !(rightX > leftX)) {
            throw new IllegalArgumentException("aligned face crop: size " + size + " must be positive and the eye "
                    + "targets ordered, got leftX " + leftX + ", rightX " + rightX);
        }
        double dx = right[0] - left[0];
        double dy = right[1] - left[1];
        double distance = Math.hypot(dx, dy);
        if (distance == 0) {
            throw new IllegalArgumentException("aligned face crop: the two eye centres coincide at ("
                    + left[0] + ", " + left[1] + ")");
        }
        // Inverse map, output -> image: image = eyeMid + step * R(theta) * (output - targetMid), with theta
        // the eye axis's angle in the image and step the image pixels per output pixel.
        double step = distance / (rightX - leftX);
        double cos = dx / distance * step;
        double sin = dy / distance * step;
        double imageMidX = (left[0] + right[0]) / 2;
        double imageMidY = (left[1] + right[1]) / 2;
        double targetMidX = (leftX + rightX) / 2;
        BgrImage out = new BgrImage(size, size);
        byte[] dst = out.data();
        for (int v = 0; v < size; v++) {
            double py = v - eyeY;
            for (int u = 0; u < size; u++) {
                double px = u - targetMidX;
                double sx = imageMidX + cos * px - sin * py;
                double sy = imageMidY + sin * px + cos * py;
                EyeCrop.sampleBilinear(image, sx, sy, dst, (v * size + u) * 3);
            }
        }
        return out;
    }
}
