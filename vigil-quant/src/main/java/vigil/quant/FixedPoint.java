package vigil.quant;

/**
 * gemmlowp / TFLite reference fixed-point arithmetic for requantization: a real multiplier M is
 * represented as M0 * 2^shift with M0 an int32 in Q31 (M0 / 2^31 in [0.5, 1)), and an int32 accumulator
 * is scaled by a saturating rounding doubling high multiply followed by a rounding right shift.
 * Every function reproduces the C++ reference bit for bit (Java's int division truncates toward zero
 * like C++'s, and >> on int is arithmetic).
 */
public final class FixedPoint {
    private FixedPoint() {}

    /** M0 (Q31, positive or 0) and the power-of-two exponent: M ~= M0 / 2^31 * 2^shift. */
    public record Multiplier(int m0, int shift) {}

    /**
     * TFLite's QuantizeMultiplier: frexp, round half away from zero to 31 fractional bits, renormalise
     * when rounding reaches 2^31, and flush to zero multipliers below 2^-31 * 2^-31.
     */
    public static Multiplier quantizeMultiplier(double realMultiplier) {
        if (realMultiplier == 0.0) {
            return new Multiplier(0, 0);
        }
        if (!Double.isFinite(realMultiplier)) {
            throw new IllegalArgumentException("quantizeMultiplier: multiplier " + realMultiplier);
        }
        double magnitude = Math.abs(realMultiplier);
        int shift = Math.getExponent(magnitude) + 1;
        if (magnitude < Double.MIN_NORMAL) {
            return new Multiplier(0, 0); // far below 2^-31: flushed below anyway
        }
        double fraction = Math.copySign(Math.scalb(magnitude, -shift), realMultiplier); // in [0.5, 1)
        long qFixed = Math.round(Math.abs(fraction) * (1L << 31)) * (fraction < 0 ? -1 : 1); // std::round
        if (Math.abs(qFixed) == (1L << 31)) {
            qFixed /= 2;
            shift++;
        }
        if (shift < -31) {
            shift = 0;
            qFixed = 0;
        }
        if (qFixed > Integer.MAX_VALUE || qFixed < Integer.MIN_VALUE) {
            throw new IllegalStateException("quantizeMultiplier: " + realMultiplier + " gave M0 " + qFixed);
        }
        return new Multiplier((int) qFixed, shift);
    }

    /**
     * round(a * b / 2^31) with ties toward +infinity (the nudge 2^30, or 1 - 2^30 for a negative product,
     * then a truncating division: 1.5 -> 2, -1.5 -> -1), saturating the one overflowing case
     * (INT32_MIN * INT32_MIN) to INT32_MAX.
     */
    public static int saturatingRoundingDoublingHighMul(int a, int b) {
        if (a == b && a == Integer.MIN_VALUE) {
            return Integer.MAX_VALUE;
        }
        long ab = (long) a * (long) b;
        long nudge = ab >= 0 ? (1L << 30) : (1L - (1L << 30));
        return (int) ((ab + nudge) / (1L << 31));
    }

    /** x / 2^exponent rounded to nearest, ties away from zero; exponent in [0, 31]. */
    public static int roundingDivideByPOT(int x, int exponent) {
        if (exponent < 0 || exponent > 31) {
            throw new IllegalArgumentException("roundingDivideByPOT: exponent " + exponent + " outside [0, 31]");
        }
        int mask = (int) ((1L << exponent) - 1);
        int remainder = x & mask;
        int threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (x >> exponent) + (remainder > threshold ? 1 : 0);
    }

    /**
     * TFLite's MultiplyByQuantizedMultiplier (double rounding): a positive shift is applied to x before
     * the high multiply (wrapping like the reference's int32 multiply), a negative one as a rounding
     * right shift after it.
     */
    public static int multiplyByQuantizedMultiplier(int x, int m0, int shift) {
        int leftShift = shift > 0 ? shift : 0;
        int rightShift = shift > 0 ? 0 : -shift;
        return roundingDivideByPOT(saturatingRoundingDoublingHighMul(x * (1 << leftShift), m0), rightShift);
    }

    public static int multiplyByQuantizedMultiplier(int x, Multiplier m) {
        return multiplyByQuantizedMultiplier(x, m.m0(), m.shift());
    }
}
