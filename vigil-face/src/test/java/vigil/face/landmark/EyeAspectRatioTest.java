package vigil.face.landmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EyeAspectRatioTest {
    // Corners (0, 0) and (4, 0); lids at x = 1 and 3, 1 above and 1 below: (2 + 2) / (2 * 4) = 0.5.
    private static final float[] EYE = {0, 0, 1, -1, 3, -1, 4, 0, 3, 1, 1, 1};

    @Test
    void ratioOfLidGapsToCornerDistanceOnKnownGeometry() {
        assertEquals(0.5f, EyeAspectRatio.of(EYE), 1e-7f);
    }

    @Test
    void closedLidsGiveZero() {
        float[] closed = {0, 0, 1, 0, 3, 0, 4, 0, 3, 0, 1, 0};
        assertEquals(0f, EyeAspectRatio.of(closed), 0f);
    }

    @Test
    void ratioIgnoresRotationScaleAndTranslation() {
        double angle = Math.toRadians(33);
        double scale = 7.5;
        float[] moved = new float[12];
        for (int i = 0; i < 6; i++) {
            double x = EYE[2 * i];
            double y = EYE[2 * i + 1];
            moved[2 * i] = (float) (scale * (Math.cos(angle) * x - Math.sin(angle) * y) + 120.25);
            moved[2 * i + 1] = (float) (scale * (Math.sin(angle) * x + Math.cos(angle) * y) + 64.5);
        }
        // float32 coordinates near 120 carry ~1e-5 relative error into the distances.
        assertEquals(0.5f, EyeAspectRatio.of(moved), 1e-5f);
    }

    @Test
    void meanAveragesBothEyesOfAFace() {
        float[] points = new float[136];
        System.arraycopy(EYE, 0, points, 72, 12);
        float[] wide = {0, 0, 1, -2, 3, -2, 4, 0, 3, 2, 1, 2};
        System.arraycopy(wide, 0, points, 84, 12);
        FaceLandmarks face = new FaceLandmarks(0, 0, 10, 10, 1, points);
        assertEquals((0.5f + 1.0f) / 2, EyeAspectRatio.mean(face), 1e-7f);
    }

    @Test
    void coincidentCornersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> EyeAspectRatio.of(new float[12]));
    }
}
