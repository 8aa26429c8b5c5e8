package vigil.face.landmark;

import vigil.data.image.BgrImage;

/**
 * A square eye patch aligned on the eye corners: rotated so the corners p1 and p4 lie on one
 * horizontal line through the patch centre, and scaled so the patch is {@code widthFactor} times the
 * corner distance wide. In continuous patch coordinates (pixel i covers [i, i + 1)) the corners land
 * at {@code (size/2 -+ size/(2 widthFactor), size/2)}, whatever the eye's position, size and roll.
 * Pixels are sampled bilinearly; outside the image the border pixel is repeated.
 */
public final class EyeCrop {
    /** Corner distance times 2: the patch holds the eye, its lids and some brow and cheek. */
    public static final float DEFAULT_WIDTH_FACTOR = 2f;

    private EyeCrop() {
    }

    /** left: points 36-41 (image-left eye) else 42-47; see {@link FaceLandmarks}. */
    public static BgrImage crop(BgrImage image, FaceLandmarks face, boolean left, int size) {
        return crop(image, left ? face.leftEye() : face.rightEye(), size, DEFAULT_WIDTH_FACTOR);
    }

    /** sixPoints: {@code x1, y1, ..., x6, y6} in image pixels; corners are p1 and p4. */
    public static BgrImage crop(BgrImage image, float[] sixPoints, int size, float widthFactor) {
        if (sixPoints.length != 12) {
            throw new IllegalArgumentException("eye crop needs 6 points (12 floats), got " + sixPoints.length);
        }
        if (size <= 0 || !(widthFactor > 0)) {
            throw new IllegalArgumentException("eye crop size and width factor must be positive, got "
                    + size + " and " + widthFactor);
        }
        double ax = sixPoints[0];
        double ay = sixPoints[1];
        double bx = sixPoints[6];
        double by = sixPoints[7];
        double distance = Math.hypot(bx - ax, by - ay);
        if (distance == 0) {
            throw new IllegalArgumentException("eye crop: the eye corners p1 and p4 coincide");
        }
        // Landmarks index pixels by their centres (pixel (i, j) sits at (i, j)); the patch's own centre
        // maps to the corners' midpoint and each patch pixel spans `step` image pixels along the eye axis.
        double cx = (ax + bx) / 2;
        double cy = (ay + by) / 2;
        double cos = (bx - ax) / distance;
        double sin = (by - ay) / distance;
        double step = widthFactor * distance / size;
        BgrImage out = new BgrImage(size, size);
        byte[] dst = out.data();
        for (int v = 0; v < size; v++) {
            double py = (v + 0.5 - size / 2.0) * step;
            for (int u = 0; u < size; u++) {
                double px = (u + 0.5 - size / 2.0) * step;
                double sx = cx + cos * px - sin * py;
                double sy = cy + sin * px + cos * py;
                sampleBilinear(image, sx, sy, dst, (v * size + u) * 3);
            }
        }
        return out;
    }

    // (sx, sy) in the landmarks' frame, where pixel (i, j) has its centre at (i, j). Package-private:
    // AlignedFaceCrop samples with it too.
    static void sampleBilinear(BgrImage image, double sx, double sy, byte[] dst, int at) {
        int w = image.width();
        int h = image.height();
        double fx = Math.floor(sx);
        double fy = Math.floor(sy);
        double tx = sx - fx;
        double ty = sy - fy;
        int x0 = clamp((int) fx, w);
        int x1 = clamp((int) fx + 1, w);
        int y0 = clamp((int) fy, h);
        int y1 = clamp((int) fy + 1, h);
        byte[] src = image.data();
        for (int c = 0; c < 3; c++) {
            double top = (src[(y0 * w + x0) * 3 + c] & 0xff) * (1 - tx) + (src[(y0 * w + x1) * 3 + c] & 0xff) * tx;
            double bottom = (src[(y1 * w + x0) * 3 + c] & 0xff) * (1 - tx) + (src[(y1 * w + x1) * 3 + c] & 0xff) * tx;
            dst[at + c] = (byte) Math.round(top * (1 - ty) + bottom * ty);
        }
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : (i >= n ? n - 1 : i);
    }
}
