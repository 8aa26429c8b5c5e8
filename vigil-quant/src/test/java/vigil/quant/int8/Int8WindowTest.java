package vigil.quant.int8;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Int8WindowTest {

    @Test
    void outputSizeIsTheFloorOfTheStridedSpanPlusOne() {
        Int8Window w = Int8Window.of("k", 3, 5, new int[] {2, 1}, new int[] {1, 2});
        // (7 + 2 - 3) / 2 + 1 = 4 rows; (6 + 4 - 5) / 1 + 1 = 6 columns
        assertArrayEquals(new int[] {4, 6}, w.outputSize("k", 7, 6));
    }

    @Test
    void anInputOneRowShortOfTheKernelIsRefusedEvenWhenIntegerDivisionRoundsTowardsZero() {
        // (1 + 0 - 2) / 2 + 1 is 1 in Java, yet no window fits: the check must look at the padded size
        Int8Window w = Int8Window.of("Int8DepthwiseConv2d", 2, 2, new int[] {2, 2}, new int[] {0, 0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> w.outputSize("Int8DepthwiseConv2d", 1, 4));
        assertTrue(e.getMessage().contains("Int8DepthwiseConv2d") && e.getMessage().contains("1x4"), e.getMessage());
    }

    @Test
    void nonPositiveStridesAndNegativePaddingAreRefusedWithTheKernelName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Int8Window.of("Int8Conv2d", 3, 3, new int[] {0, 1}, new int[] {1, 1}));
        assertTrue(e.getMessage().startsWith("Int8Conv2d: "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Int8Window.of("Int8Conv2d", 3, 3, new int[] {1, 1},
                new int[] {-1, 0}));
    }
}
