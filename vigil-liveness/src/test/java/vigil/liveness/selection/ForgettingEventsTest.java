package vigil.liveness.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Forgetting events counted on hand-made correctness histories (1 = classified correctly). */
class ForgettingEventsTest {

    private static boolean[] history(String bits) {
        boolean[] h = new boolean[bits.length()];
        for (int i = 0; i < h.length; i++) {
            h[i] = bits.charAt(i) == '1';
        }
        return h;
    }

    @Test
    void countsEachCorrectToIncorrectTransition() {
        // 1->0 at positions 1, 4 and 7; 0->1 transitions (learning) are not events.
        assertEquals(3, ForgettingEvents.count(history("10110010")));
    }

    @Test
    void aSampleLearnedOnceAndKeptHasNoEvent() {
        assertEquals(0, ForgettingEvents.count(history("00011111")));
    }

    @Test
    void aNeverLearnedSampleHasNoEventButRanksAboveTheMostForgotten() {
        boolean[] never = history("0000");
        assertEquals(0, ForgettingEvents.count(never));
        assertFalse(ForgettingEvents.everLearned(never));
        assertTrue(ForgettingEvents.everLearned(history("0010")));
        // "1010" has the most events four presentations allow (2); never learned must still rank higher.
        assertTrue(ForgettingEvents.score(never) > ForgettingEvents.score(history("1010")));
    }

    @Test
    void equalEventCountsRankTheMoreOftenMisclassifiedFirstWithoutCrossingCounts() {
        double oftenWrong = ForgettingEvents.score(history("10000")); // 1 event, 4 of 5 wrong
        double rarelyWrong = ForgettingEvents.score(history("11110")); // 1 event, 1 of 5 wrong
        double twoEvents = ForgettingEvents.score(history("10101")); // 2 events
        assertTrue(oftenWrong > rarelyWrong);
        assertTrue(twoEvents > oftenWrong);
        assertEquals(1 + 4.0 / 6, oftenWrong, 0);
    }
}
