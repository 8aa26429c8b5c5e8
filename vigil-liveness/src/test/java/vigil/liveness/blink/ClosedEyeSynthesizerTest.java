package vigil.liveness.blink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vigil.tensor.init.Rng;

/**
 * Closed-eye synthesis on a drawn eye: skin 0.7 everywhere, a dark opening (0.1) in the middle.
 * Defining properties: closure 0 is the identity; closure 1 covers the opening with skin (the
 * centre turns from dark to near skin); the corners of the crop, far from the eye, are untouched.
 */
class ClosedEyeSynthesizerTest {
    private static final int N = 24;

    private static float[] drawnEye() {
        float[] crop = new float[N * N];
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                double u = (x + 0.5 - 12) / 6.0;
                double v = (y + 0.5 - 12) / 2.0;
                crop[y * N + x] = u * u + v * v < 1 ? 0.1f : 0.7f;
            }
        }
        return crop;
    }

    @Test
    void closureZeroReturnsTheCropUnchanged() {
        float[] eye = drawnEye();
        assertArrayEquals(eye, new ClosedEyeSynthesizer(N, 0.25f).close(eye, 0f, 0.3f, new Rng(1)), 0f);
    }

    @Test
    void fullClosureCoversTheOpeningWithSkin() {
        float[] closed = new ClosedEyeSynthesizer(N, 0.25f).close(drawnEye(), 1f, 0.3f, new Rng(1));
        // centre pixel: was 0.1 (opening); skin is 0.7, the lash line darkens by at most 55%, so > 0.7 * 0.45
        float centreMean = 0;
        for (int x = 9; x < 15; x++) {
            centreMean += closed[11 * N + x] / 6;
        }
        assertTrue(centreMean > 0.4f, "centre row after closing: " + centreMean);
        for (int[] corner : new int[][] {{0, 0}, {N - 1, 0}, {0, N - 1}, {N - 1, N - 1}}) {
            assertEquals(0.7f, closed[corner[1] * N + corner[0]], 0f, "corner " + corner[0] + "," + corner[1]);
        }
    }

    @Test
    void halfClosureCoversTheUpperPartOnly() {
        float[] half = new ClosedEyeSynthesizer(N, 0.25f).close(drawnEye(), 0.5f, 0.3f, new Rng(2));
        // the bottom row of the opening (y = 13) stays dark; the top row (y = 10) becomes skin
        assertTrue(half[13 * N + 12] < 0.3f, "bottom of opening: " + half[13 * N + 12]);
        assertTrue(half[10 * N + 12] > 0.5f, "top of opening: " + half[10 * N + 12]);
    }
}
