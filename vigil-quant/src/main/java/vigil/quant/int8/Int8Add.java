package vigil.quant.int8;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import vigil.quant.FixedPoint;

/**
 * Int8 elementwise add of two tensors with their own scales (TFLite's reference int8 Add): both inputs are
 * brought to a common scale 2 max(S_a, S_b) / 2^20 (shifted left 20 bits, then multiplied by
 * S_a / (2 max) and S_b / (2 max), each below 1/2, with gemmlowp rounding), summed, and the sum requantized
 * by 2 max / (2^20 S_out); then the output zero point, clamped to [min, max].
 * The 20 bits of headroom make the two input roundings negligible (at most 2^-20 of an input step each).
 */
public final class Int8Add {
    /** TFLite's left shift for int8 add. */
    public static final int LEFT_SHIFT = 20;

    private final int zeroPointA;
    private final int zeroPointB;
    private final FixedPoint.Multiplier multiplierA;
    private final FixedPoint.Multiplier multiplierB;
    private final FixedPoint.Multiplier multiplierOut;
    private final int zeroPointOut;
    private final int min;
    private final int max;

    public Int8Add(float scaleA, int zeroPointA, float scaleB, int zeroPointB, float scaleOut, int zeroPointOut,
                   int min, int max) {
        if (!(scaleA > 0) || !(scaleB > 0) || !(scaleOut > 0)) {
            throw new IllegalArgumentException("Int8Add: scales " + scaleA + ", " + scaleB + ", " + scaleOut
                    + " must be positive");
        }
        double twiceMax = 2.0 * Math.max(scaleA, scaleB);
        this.zeroPointA = zeroPointA;
        this.zeroPointB = zeroPointB;
        this.multiplierA = FixedPoint.quantizeMultiplier(scaleA / twiceMax);
        this.multiplierB = FixedPoint.quantizeMultiplier(scaleB / twiceMax);
        this.multiplierOut = FixedPoint.quantizeMultiplier(twiceMax / ((1 << LEFT_SHIFT) * (double) scaleOut));
        this.zeroPointOut = zeroPointOut;
        this.min = min;
        this.max = max;
    }

    /** The power-of-two exponent of the output multiplier (for error bounds). */
    public int outputShift() {
        return multiplierOut.shift();
    }

    public int apply(int a, int b) {
        int sa = FixedPoint.multiplyByQuantizedMultiplier((a - zeroPointA) * (1 << LEFT_SHIFT), multiplierA);
        int sb = FixedPoint.multiplyByQuantizedMultiplier((b - zeroPointB) * (1 << LEFT_SHIFT), multiplierB);
        long y = (long) FixedPoint.multiplyByQuantizedMultiplier(sa + sb, multiplierOut) + zeroPointOut;
        return (int) Math.max(min, Math.min(max, y));
    }

    /** y[i] = a[i] + b[i] in real terms, all int8 codes of the same shape (vector lanes: the same bits). */
    public byte[] forward(byte[] a, byte[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Int8Add: operands of " + a.length + " and " + b.length + " codes");
        }
        byte[] y = new byte[a.length];
        int i = 0;
        if (Int8Lanes.VECTOR) {
            int n = FixedPointLanes.N;
            IntVector[] ma = lanes(multiplierA);
            IntVector[] mb = lanes(multiplierB);
            IntVector[] mo = lanes(multiplierOut);
            for (; i + n <= a.length; i += n) {
                IntVector va = FixedPointLanes.widen(a, i).sub(zeroPointA).lanewise(VectorOperators.LSHL, LEFT_SHIFT);
                IntVector vb = FixedPointLanes.widen(b, i).sub(zeroPointB).lanewise(VectorOperators.LSHL, LEFT_SHIFT);
                IntVector sum = FixedPointLanes.multiply(va, ma[0], ma[1], ma[2])
                        .add(FixedPointLanes.multiply(vb, mb[0], mb[1], mb[2]));
                FixedPointLanes.store(FixedPointLanes.multiply(sum, mo[0], mo[1], mo[2]).add(zeroPointOut), min, max,
                        y, i);
            }
        }
        for (; i < a.length; i++) {
            y[i] = (byte) apply(a[i], b[i]);
        }
        return y;
    }


    // M0, left shift, right shift as broadcast lanes
    private static IntVector[] lanes(FixedPoint.Multiplier m) {
        return new IntVector[] {IntVector.broadcast(FixedPointLanes.INT, m.m0()),
            IntVector.broadcast(FixedPointLanes.INT, Math.max(0, m.shift())),
            IntVector.broadcast(FixedPointLanes.INT, Math.max(0, -m.shift()))};
    }
}
