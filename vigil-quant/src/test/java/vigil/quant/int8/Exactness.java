package vigil.quant.int8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How an int8 kernel is compared with its float-simulated twin. The twin rounds the exact real value u
 * (in output steps) half away from zero, adds Z_out and clamps. The kernel instead multiplies an exact int32
 * by M0 2^(shift-31), where M0 carries M to 31 bits (relative error at most 2^-31), rounds once in the
 * high multiply (ties up) and, for a right shift rs > 0, once more in the rounding shift: its pre-rounding
 * value is within |u| 2^-31 + 2^-(rs+1) of u. So the two codes are EQUAL whenever u lies further than that
 * bound (plus the kernel-specific slack of input roundings) from a rounding boundary (a half-integer), and
 * differ by at most 1 otherwise. check() asserts both, element by element.
 */
final class Exactness {
    /** Slack for the twin's own double arithmetic (sums of < 10^4 terms of magnitude < 10^5, 53-bit mantissas). */
    static final double DOUBLE_SLACK = 1e-6;

    record Outcome(int elements, int nearTies) {
    }

    private Exactness() {
    }

    static int roundHalfAway(double u) {
        return (int) Math.signum(u) * (int) Math.floor(Math.abs(u) + 0.5);
    }

    static int expected(double u, int zOut, int min, int max) {
        return Math.max(min, Math.min(max, roundHalfAway(u) + zOut));
    }

    /** |u| 2^-31 + 2^-(rs+1) for a right shift rs > 0 (none for a left shift), plus the twin's slack. */
    static double requantBound(double u, int shift) {
        int rs = Math.max(0, -shift);
        return Math.abs(u) * 0x1p-31 + (rs > 0 ? Math.scalb(0.5, -rs) : 0) + DOUBLE_SLACK;
    }

    /** Distance of u from the nearest rounding boundary (a half-integer). */
    static double margin(double u) {
        double f = Math.abs(u) - Math.floor(Math.abs(u));
        return Math.abs(f - 0.5);
    }

    interface Bound {
        double at(int i, double u);
    }

    static Outcome check(byte[] actual, double[] u, int zOut, int min, int max, Bound bound, String what) {
        assertEquals(u.length, actual.length, what + ": element count");
        int near = 0;
        for (int i = 0; i < u.length; i++) {
            int want = expected(u[i], zOut, min, max);
            int diff = Math.abs(actual[i] - want);
            boolean clear = margin(u[i]) > bound.at(i, u[i]);
            if (!clear) {
                near++;
            }
            if (clear) {
                assertEquals(want, actual[i], what + ": element " + i + " u=" + u[i] + " is clear of a tie by "
                        + margin(u[i]) + " > " + bound.at(i, u[i]) + ", so the codes must be equal");
            } else {
                assertTrue(diff <= 1, what + ": element " + i + " u=" + u[i] + " kernel " + actual[i] + " twin " + want);
            }
        }
        return new Outcome(u.length, near);
    }
}
