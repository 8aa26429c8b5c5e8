package vigil.data.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class InterleaveTest {
    // Indices 5, 6, 7 are live (label 0), 0..4 spoof (label 1); the order puts 7 first.
    private static final int[] LABELS = {1, 1, 1, 1, 1, 0, 0, 0};
    private static final int[] ORDER = {7, 0, 1, 2, 3, 4, 5, 6};

    @Test
    void noneKeepsTheOrder() {
        assertArrayEquals(ORDER, Interleave.NONE.apply(ORDER, LABELS));
    }

    @Test
    void roundRobinAlternatesLabelsInAscendingOrderUntilAGroupRunsOut() {
        // live in order: 7, 5, 6; spoof in order: 0, 1, 2, 3, 4.  L S L S L S S S.
        assertArrayEquals(new int[] {7, 0, 5, 1, 6, 2, 3, 4}, Interleave.ROUND_ROBIN.apply(ORDER, LABELS));
    }

    @Test
    void proportionalSpreadsEachGroupEvenly() {
        // keys: live (k + .5) / 3 = .17 .5 .83; spoof (k + .5) / 5 = .1 .3 .5 .7 .9; tie at .5 -> lower label.
        // S L S L S S L S.
        assertArrayEquals(new int[] {0, 7, 1, 5, 2, 3, 6, 4}, Interleave.PROPORTIONAL.apply(ORDER, LABELS));
    }

    @Test
    void threeLabelsRoundRobin() {
        int[] labels = {2, 2, 0, 1, 0, 2};
        assertArrayEquals(new int[] {2, 3, 0, 4, 1, 5}, Interleave.ROUND_ROBIN.apply(new int[] {0, 1, 2, 3, 4, 5}, labels));
    }
}
