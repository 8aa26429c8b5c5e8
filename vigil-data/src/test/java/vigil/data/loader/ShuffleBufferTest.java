package vigil.data.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import vigil.tensor.init.Rng;

class ShuffleBufferTest {
    private static int[] range(int n) {
        int[] a = new int[n];
        Arrays.setAll(a, i -> i);
        return a;
    }

    @Test
    void bufferOfZeroOrOneKeepsTheOrder() {
        assertArrayEquals(range(50), ShuffleBuffer.apply(range(50), 0, new Rng(1)));
        assertArrayEquals(range(50), ShuffleBuffer.apply(range(50), 1, new Rng(1)));
    }

    @Test
    void outputIsAPermutationOfTheInput() {
        int[] out = ShuffleBuffer.apply(range(200), 17, new Rng(3));
        int[] sorted = out.clone();
        Arrays.sort(sorted);
        assertArrayEquals(range(200), sorted);
    }

    @Test
    void noElementComesOutMoreThanBufferMinusOnePlacesEarly() {
        int size = 8;
        int[] out = ShuffleBuffer.apply(range(300), size, new Rng(9));
        int maxEarly = 0;
        for (int position = 0; position < out.length; position++) {
            maxEarly = Math.max(maxEarly, out[position] - position);
        }
        assertTrue(maxEarly <= size - 1, "came out " + maxEarly + " places early");
        assertTrue(maxEarly >= size / 2, "a buffer of 8 should move something several places, moved " + maxEarly);
    }

    @Test
    void aBufferAsLargeAsTheStreamPutsAnyElementFirst() {
        // A small buffer can only emit one of the first `size` elements first; a full one any of them.
        int n = 10;
        boolean[] seenFirst = new boolean[n];
        for (long seed = 0; seed < 400; seed++) {
            seenFirst[ShuffleBuffer.apply(range(n), Integer.MAX_VALUE, new Rng(seed))[0]] = true;
            assertTrue(ShuffleBuffer.apply(range(n), 3, new Rng(seed))[0] < 3);
        }
        for (int i = 0; i < n; i++) {
            assertTrue(seenFirst[i], "element " + i + " never came first in 400 full shuffles");
        }
    }

    @Test
    void fullShuffleMatchesAnyLargerBuffer() {
        // Once the buffer holds the whole stream, its size no longer matters.
        assertArrayEquals(ShuffleBuffer.apply(range(64), 64, new Rng(5)), ShuffleBuffer.apply(range(64), 1000, new Rng(5)));
    }

    @Test
    void sameSeedSameOrder() {
        assertArrayEquals(ShuffleBuffer.apply(range(100), 10, new Rng(77)), ShuffleBuffer.apply(range(100), 10, new Rng(77)));
        assertEquals(false, Arrays.equals(ShuffleBuffer.apply(range(100), 10, new Rng(77)),
                ShuffleBuffer.apply(range(100), 10, new Rng(78))));
    }
}
