package vigil.face.landmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import vigil.data.image.BgrImage;

class EyeCropTest {
    private static final int BACKGROUND = 40;

    // A grey image with a bright 3x3 block centred on each corner pixel: each block's brightness
    // centroid is exactly its centre, so the crop's centroids show where the corners landed.
    private static BgrImage imageWithCorners(int ax, int ay, int bx, int by) {
        BgrImage image = new BgrImage(200, 150);
        java.util.Arrays.fill(image.data(), (byte) BACKGROUND);
        for (int[] c : new int[][] {{ax, ay}, {bx, by}}) {
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    for (int ch = 0; ch < 3; ch++) {
                        image.set(c[0] + dx, c[1] + dy, ch, 240);
                    }
                }
            }
        }
        return image;
    }

    // Brightness-weighted centroid (continuous coordinates: pixel u covers [u, u + 1)) over columns [u0, u1).
    private static double[] centroid(BgrImage patch, int u0, int u1) {
        double sum = 0;
        double sx = 0;
        double sy = 0;
        for (int v = 0; v < patch.height(); v++) {
            for (int u = u0; u < u1; u++) {
                double w = patch.get(u, v, 1) - BACKGROUND;
                sum += w;
                sx += w * (u + 0.5);
                sy += w * (v + 0.5);
            }
        }
        return new double[] {sx / sum, sy / sum};
    }

    @Test
    void rolledEyeCornersLandLevelAtAQuarterFromEachSide() {
        int ax = 60;
        int ay = 80;
        int bx = 88;
        int by = 90; // corner line rolled by atan(10 / 28) = 19.7 degrees
        float[] eye = {ax, ay, 70, 78, 80, 82, bx, by, 80, 90, 70, 88};
        int size = 64;
        BgrImage patch = EyeCrop.crop(imageWithCorners(ax, ay, bx, by), eye, size, 2f);
        double[] first = centroid(patch, 0, size / 2);
        double[] second = centroid(patch, size / 2, size);
        // widthFactor 2: corners at size/2 -+ size/4. Bilinear resampling of a symmetric block keeps
        // its centroid up to the sampling grid's phase: well under half a patch pixel.
        assertEquals(16.0, first[0], 0.3);
        assertEquals(32.0, first[1], 0.3);
        assertEquals(48.0, second[0], 0.3);
        assertEquals(32.0, second[1], 0.3);
    }

    @Test
    void patchIsSquareOfTheRequestedSize() {
        float[] points = new float[136];
        float[] eye = {60, 80, 70, 78, 80, 78, 90, 80, 80, 82, 70, 82};
        System.arraycopy(eye, 0, points, 2 * FaceLandmarks.LEFT_EYE_FIRST, 12);
        System.arraycopy(eye, 0, points, 2 * FaceLandmarks.RIGHT_EYE_FIRST, 12);
        FaceLandmarks face = new FaceLandmarks(40, 50, 80, 80, 0.9f, points);
        BgrImage patch = EyeCrop.crop(imageWithCorners(60, 80, 90, 80), face, true, 24);
        assertEquals(24, patch.width());
        assertEquals(24, patch.height());
    }
}
