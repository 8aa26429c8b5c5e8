package vigil.liveness.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Selection keeps round(F * N) samples, highest score first, ties by position, NaN refused. */
class SubsetSelectorTest {

    @Test
    void keepsRoundedFractionHalfUp() {
        assertEquals(4, SubsetSelector.keptCount(7, 0.5)); // 3.5 -> 4
        assertEquals(2, SubsetSelector.keptCount(7, 0.3)); // 2.1 -> 2
        assertEquals(7, SubsetSelector.keptCount(7, 1.0));
        assertEquals(18000, SubsetSelector.keptCount(60000, 0.3));
    }

    @Test
    void keepsTheHighestScoresBestFirstWithTiesInPositionOrder() {
        double[] scores = {0.5, 2.0, 0.5, 3.0, 0.5, 0.1, 2.0};
        // order: 3 (3.0), 1 and 6 (2.0, by position), 0, 2, 4 (0.5, by position), 5
        assertArrayEquals(new int[] {3, 1, 6, 0}, SubsetSelector.keepTop(scores, 0.5));
        assertArrayEquals(new int[] {3, 1, 6, 0, 2, 4, 5}, SubsetSelector.keepTop(scores, 1.0));
    }

    @Test
    void aFractionOutsideZeroToOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> SubsetSelector.keepTop(new double[] {1, 2}, 0));
        assertThrows(IllegalArgumentException.class, () -> SubsetSelector.keepTop(new double[] {1, 2}, 1.5));
        assertThrows(IllegalArgumentException.class, () -> SubsetSelector.keepTop(new double[] {1, 2}, Double.NaN));
    }

    @Test
    void aNaNScoreIsRejectedNamingTheSample() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SubsetSelector.keepTop(new double[] {1, Double.NaN}, 0.5));
        assertEquals("score of sample 1 is NaN; cannot rank it", e.getMessage());
    }

    @Test
    void randomSubsetHasTheSameSizeDistinctSortedIndicesAndDependsOnlyOnTheSeed() {
        int[] a = SubsetSelector.keepRandom(1000, 0.3, 42);
        assertEquals(300, a.length);
        assertEquals(300, Arrays.stream(a).distinct().count());
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, a);
        assertArrayEquals(a, SubsetSelector.keepRandom(1000, 0.3, 42));
        assertEquals(false, Arrays.equals(a, SubsetSelector.keepRandom(1000, 0.3, 43)));
    }
}
