package vigil.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The named edge cases of gemmlowp's rounding, with the values worked out by hand. */
class FixedPointTest {
    @Test
    void highMulSaturatesTheOnlyOverflowingProduct() {
        assertEquals(Integer.MAX_VALUE,
                FixedPoint.saturatingRoundingDoublingHighMul(Integer.MIN_VALUE, Integer.MIN_VALUE));
        // MIN * MAX does not overflow: -(2^31 - 1) after doubling and rounding.
        assertEquals(-Integer.MAX_VALUE,
                FixedPoint.saturatingRoundingDoublingHighMul(Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    @Test
    void highMulRoundsTiesUp() {
        // a * b / 2^31, ties toward +infinity: 3 * 2^30 -> 1.5 -> 2; -3 * 2^30 -> -1.5 -> -1; 2^30 -> 0.5 -> 1.
        assertEquals(2, FixedPoint.saturatingRoundingDoublingHighMul(3, 1 << 30));
        assertEquals(-1, FixedPoint.saturatingRoundingDoublingHighMul(-3, 1 << 30));
        assertEquals(1, FixedPoint.saturatingRoundingDoublingHighMul(1, 1 << 30));
        assertEquals(0, FixedPoint.saturatingRoundingDoublingHighMul(-1, 1 << 30)); // -0.5 -> 0
        assertEquals(0, FixedPoint.saturatingRoundingDoublingHighMul(1, (1 << 30) - 1)); // just under 0.5
    }

    @Test
    void roundingShiftRoundsNegativeTiesAwayFromZero() {
        assertEquals(2, FixedPoint.roundingDivideByPOT(3, 1)); // 1.5 -> 2
        assertEquals(-2, FixedPoint.roundingDivideByPOT(-3, 1)); // -1.5 -> -2
        assertEquals(-1, FixedPoint.roundingDivideByPOT(-5, 2)); // -1.25 -> -1
        assertEquals(-2, FixedPoint.roundingDivideByPOT(-6, 2)); // -1.5 -> -2
        assertEquals(-2, FixedPoint.roundingDivideByPOT(-7, 2)); // -1.75 -> -2
    }

    @Test
    void roundingShiftCoversExponentsZeroToThirtyOne() {
        assertEquals(-7, FixedPoint.roundingDivideByPOT(-7, 0));
        assertEquals(-1, FixedPoint.roundingDivideByPOT(Integer.MIN_VALUE, 31)); // -1 exactly
        assertEquals(1, FixedPoint.roundingDivideByPOT(Integer.MAX_VALUE, 31)); // 0.99999... -> 1
        assertEquals(0, FixedPoint.roundingDivideByPOT(1 << 29, 31)); // 0.25 -> 0
        assertEquals(1, FixedPoint.roundingDivideByPOT(1 << 30, 31)); // 0.5 -> 1
        assertEquals(-1, FixedPoint.roundingDivideByPOT(-(1 << 30), 31)); // -0.5 -> -1
        assertThrows(IllegalArgumentException.class, () -> FixedPoint.roundingDivideByPOT(1, 32));
    }

    @Test
    void quantizeMultiplierNormalisesToQ31() {
        assertEquals(new FixedPoint.Multiplier(1 << 30, 0), FixedPoint.quantizeMultiplier(0.5));
        assertEquals(new FixedPoint.Multiplier(1 << 30, 1), FixedPoint.quantizeMultiplier(1.0));
        assertEquals(new FixedPoint.Multiplier(0, 0), FixedPoint.quantizeMultiplier(0.0));
        // Rounding 0.999... up to 2^31 renormalises to 2^30 with one more bit of shift.
        assertEquals(new FixedPoint.Multiplier(1 << 30, 1), FixedPoint.quantizeMultiplier(1.0 - 0x1p-40));
        // Below 2^-32 the multiplier is flushed to zero.
        assertEquals(new FixedPoint.Multiplier(0, 0), FixedPoint.quantizeMultiplier(0x1p-33));
    }

    @Test
    void multiplyRoundsTwiceAsTfliteDoes() {
        FixedPoint.Multiplier quarter = FixedPoint.quantizeMultiplier(0.25); // M0 = 2^30, shift -1
        assertEquals(new FixedPoint.Multiplier(1 << 30, -1), quarter);
        // 1 * 0.25: the high multiply rounds 0.5 up to 1, the shift rounds 0.5 up again -> 1, not 0.
        assertEquals(1, FixedPoint.multiplyByQuantizedMultiplier(1, quarter));
        // -1 * 0.25: the high multiply's -0.5 goes up to 0, so the sign changes the result.
        assertEquals(0, FixedPoint.multiplyByQuantizedMultiplier(-1, quarter));
        assertEquals(1, FixedPoint.multiplyByQuantizedMultiplier(3, quarter)); // 0.75 -> 1
        assertEquals(1, FixedPoint.multiplyByQuantizedMultiplier(4, quarter)); // 1 exactly
        assertEquals(-1, FixedPoint.multiplyByQuantizedMultiplier(-2, quarter)); // high mul -1, shift -0.5 -> -1
    }
}
