package vigil.face.tfjs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class TfImageOpsTest {
    private static float[] grey(float... values) {
        float[] out = new float[values.length * 3];
        for (int i = 0; i < values.length; i++) {
            out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = values[i];
        }
        return out;
    }

    @Test
    void legacyBilinearUpsamplingSamplesAtDstTimesRatio() {
        // 1x2 -> 1x4: sources at 0, 0.5, 1, 1.5 (clamped): a, (a+b)/2, b, b. Not half-pixel centred.
        float[] out = TfImageOps.resizeBilinear(grey(10, 20), 1, 2, 1, 4);
        assertArrayEquals(grey(10, 15, 20, 20), out, 0f);
    }

    @Test
    void centredPaddingPutsTheRoundedHalfAfter() {
        // width 1, height 4: diff 3, round(1.5) = 2 columns after, 1 before.
        float[] out = TfImageOps.padToSquare(grey(1, 2, 3, 4), 4, 1, true);
        float[] row0 = java.util.Arrays.copyOfRange(out, 0, 12);
        assertArrayEquals(grey(0, 1, 0, 0), row0, 0f);
    }

    @Test
    void uncentredPaddingGoesAllAtTheBottom() {
        // 2 wide, 1 high -> 2x2 with the image in row 0.
        float[] out = TfImageOps.padToSquare(grey(7, 8), 1, 2, false);
        assertArrayEquals(grey(7, 8, 0, 0), out, 0f);
    }
}
