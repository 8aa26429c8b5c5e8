package vigil.liveness.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The tracker files each presentation under the sample's index and takes scores from the score epoch only. */
class SampleTrackerTest {
    private static final int C = 2;

    @Test
    void historiesFollowPresentationsAndScoresComeFromTheScoreEpoch() {
        SampleTracker t = new SampleTracker(3, 2, 2);
        float[] h = {1, 0, 0, 2, 2, 0}; // features [3, 2]
        // Epoch 1, shuffled order 2, 0, 1: sample 2 right, 0 wrong, 1 right.
        t.record(1, new int[] {2, 0, 1}, new float[] {0.9f, 0.1f, 0.2f, 0.8f, 0.4f, 0.6f}, new long[] {0, 0, 1}, C,
                h, 2);
        // Epoch 2 in two batches: sample 1 wrong, then 0 right and 2 right.
        float[] p1 = {0.75f, 0.25f};
        t.record(2, new int[] {1}, p1, new long[] {1}, C, new float[] {3, 4}, 2);
        t.record(2, new int[] {0, 2}, new float[] {0.5f, 0.5f, 1f, 0f}, new long[] {0, 0}, C, new float[] {0, 0, 0, 0}, 2);
        SampleScores s = t.scores(new String[] {"a", "b", "c"}, new int[] {0, 1, 0});
        assertArrayEquals(new boolean[][] {{false, true}, {true, false}, {true, true}}, s.histories());
        assertEquals(1, s.forgettingEvents(1));
        // Sample 1 at epoch 2: p - y = (0.75, -0.75), ||h|| = 5: EL2N 0.75 sqrt 2, gradnorm 0.75 sqrt 2 sqrt 26.
        assertEquals(0.75 * Math.sqrt(2), s.el2n()[1], 1e-6);
        assertEquals(0.75 * Math.sqrt(2) * Math.sqrt(26), s.gradNorm()[1], 1e-5);
        assertEquals(0.25f, s.confidence()[1], 0);
    }

    @Test
    void aSampleMissingFromAnEpochIsAnError() {
        SampleTracker t = new SampleTracker(2, 1, 1);
        t.record(1, new int[] {0}, new float[] {0.9f, 0.1f}, new long[] {0}, C, new float[] {1}, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> t.scores(new String[] {"a", "b"}, new int[] {0, 0}));
        assertEquals("sample b was not presented in epoch 1", e.getMessage());
    }
}
