package vigil.quant.int8;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import vigil.quant.FixedPoint;

/**
 * TFLite's MultiplyByQuantizedMultiplier on vector lanes, bit for bit as {@link FixedPoint} does it per
 * value: the int32 is shifted left (wrapping), multiplied by M0 in 64 bits, rounded by gemmlowp's
 * doubling high multiply (nudge 2^30 or 1 - 2^30, then a division by 2^31 that truncates toward zero:
 * an arithmetic shift, plus 1 for a negative value with a non-zero remainder), then divided by 2^rs with
 * round-half-away-from-zero. The only saturating case of the high multiply (both operands INT32_MIN)
 * cannot occur: M0 from quantizeMultiplier has |M0| < 2^31.
 *
 * <p>The lanes are as many as the preferred long vector holds; int32 and int8 lanes of the same count are
 * used around it. This is the requantization of every output; scalar, it dominated the int8 model's time.
 */
final class FixedPointLanes {
    static final VectorSpecies<Long> LONG = LongVector.SPECIES_PREFERRED;
    static final int N = LONG.length();
    static final VectorSpecies<Integer> INT = VectorSpecies.of(int.class, VectorShape.forBitSize(N * 32));
    /** int8 lanes of the same count; null where that would be under 64 bits (no such shape: AVX2 has N = 4). */
    static final VectorSpecies<Byte> BYTE = N >= 8 ? VectorSpecies.of(byte.class, VectorShape.forBitSize(N * 8)) : null;

    private FixedPointLanes() {
    }

    /** Per-lane M0, left shift (>= 0) and right shift (in [0, 31]). */
    static IntVector multiply(IntVector x, IntVector m0, IntVector leftShift, IntVector rightShift) {
        IntVector shifted = x.lanewise(VectorOperators.LSHL, leftShift);
        LongVector a = (LongVector) shifted.convertShape(VectorOperators.I2L, LONG, 0);
        LongVector b = (LongVector) m0.convertShape(VectorOperators.I2L, LONG, 0);
        LongVector ab = a.mul(b);
        // nudge = 2^30, or 1 - 2^30 below zero: 2^30 + (sign * (1 - 2^31)) with sign in {0, 1} = ab >>> 63
        LongVector sign = ab.lanewise(VectorOperators.LSHR, 63);
        LongVector v = ab.add(1L << 30).add(sign.mul(1L - (1L << 31)));
        // truncating division by 2^31: add 2^31 - 1 to a negative value before the arithmetic shift
        LongVector vSign = v.lanewise(VectorOperators.ASHR, 63);
        LongVector high = v.add(vSign.and(0x7FFF_FFFFL)).lanewise(VectorOperators.ASHR, 31);
        IntVector h = (IntVector) high.convertShape(VectorOperators.L2I, INT, 0);
        IntVector mask = IntVector.broadcast(INT, 1).lanewise(VectorOperators.LSHL, rightShift).sub(1);
        IntVector remainder = h.and(mask);
        IntVector threshold = mask.lanewise(VectorOperators.ASHR, 1).add(h.lanewise(VectorOperators.LSHR, 31));
        // remainder > threshold  <=>  threshold - remainder < 0 (both in [0, 2^31), no overflow)
        IntVector roundUp = threshold.sub(remainder).lanewise(VectorOperators.LSHR, 31);
        return h.lanewise(VectorOperators.ASHR, rightShift).add(roundUp);
    }

    /** Clamp to [min, max] and narrow to int8 lanes stored at y[at]. */
    static void store(IntVector v, int min, int max, byte[] y, int at) {
        IntVector c = v.max(min).min(max);
        if (BYTE != null) {
            ((ByteVector) c.convertShape(VectorOperators.I2B, BYTE, 0)).intoArray(y, at);
        } else {
            for (int i = 0; i < N; i++) {
                y[at + i] = (byte) c.lane(i);
            }
        }
    }

    /** N int8 codes at x[at] as int32 lanes. */
    static IntVector widen(byte[] x, int at) {
        if (BYTE != null) {
            return (IntVector) ByteVector.fromArray(BYTE, x, at).convertShape(VectorOperators.B2I, INT, 0);
        }
        int[] lanes = new int[N];
        for (int i = 0; i < N; i++) {
            lanes[i] = x[at + i];
        }
        return IntVector.fromArray(INT, lanes, 0);
    }
}
