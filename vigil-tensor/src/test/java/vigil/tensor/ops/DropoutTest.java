package vigil.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static vigil.tensor.testing.GradCheckAssertions.assertPasses;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;

/** Inverted dropout: seeded masks, the drop rate, the 1 / (1 - p) scale, eval identity, gradient. */
class DropoutTest {
    @Test
    void sameSeedGivesTheSameMask() {
        Tensor x = Tensor.ones(4, 50);
        float[] a = Dropout.dropout(x, 0.5f, true, new Rng(3)).data();
        float[] b = Dropout.dropout(x, 0.5f, true, new Rng(3)).data();
        float[] c = Dropout.dropout(x, 0.5f, true, new Rng(4)).data();
        assertArrayEquals(a, b, 0f);
        assertFalse(java.util.Arrays.equals(a, c), "a different seed should give a different mask");
    }

    @Test
    void dropRateAndKeepScaleFollowP() {
        // 100000 draws at p = 0.3: the dropped fraction has standard deviation sqrt(0.3 * 0.7 / n)
        // ~ 0.0015, so 0.01 is a ~7 sigma bound. Kept elements must equal x / (1 - p).
        int n = 100_000;
        float p = 0.3f;
        float[] y = Dropout.dropout(Tensor.full(2f, n), p, true, new Rng(9)).data();
        int dropped = 0;
        for (float v : y) {
            if (v == 0f) {
                dropped++;
            } else {
                assertEquals(2f / (1f - p), v, 1e-6f);
            }
        }
        assertEquals(p, dropped / (double) n, 0.01);
    }

    @Test
    void evaluationModeReturnsTheInputUnchanged() {
        Tensor x = Tensor.of(new float[] {1f, -2f, 3f}, 3);
        assertSame(x, Dropout.dropout(x, 0.9f, false, new Rng(1)));
    }

    @Test
    void probabilityOneDropsEverything() {
        assertArrayEquals(new float[4], Dropout.dropout(Tensor.ones(4), 1f, true, new Rng(2)).data(), 0f);
    }

    @Test
    void gradientIsTheMaskTimesTheScale() {
        // A fresh generator with the same seed on every call makes the function deterministic.
        Tensor x = GradCheck.randomInput(new Rng(6), -1f, 1f, 3, 40);
        GradCheck.Result r = GradCheck.check(t -> new Tensor[] {Dropout.dropout(t[0], 0.4f, true, new Rng(8))}, x);
        assertPasses(r);
    }
}
