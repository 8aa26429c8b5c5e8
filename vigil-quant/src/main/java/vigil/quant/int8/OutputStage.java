package vigil.quant.int8;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import vigil.quant.FixedPoint;

/**
 * The end of every accumulating int8 kernel, as TFLite's reference kernels do it: the int32 accumulator
 * (at scale S_in * S_w[c]) is scaled by the fixed-point multiplier of M[c] = S_in S_w[c] / S_out
 * (MultiplyByQuantizedMultiplier: gemmlowp's saturating rounding doubling high multiply, then a rounding
 * right shift), the output zero point added, and the result clamped to [min, max], the fused activation
 * range (ReLU / ReLU6 are such clamps).
 *
 * <p>A fused PReLU has a second multiplier per channel, alpha[c] * M[c], taken when the accumulator is
 * negative: the sign of the accumulator is the sign of the real pre-activation (the scale is positive), so
 * PReLU is applied with one rounding instead of two and needs no int8 point before the activation.
 */
public final class OutputStage {
    private final int[] m0;
    private final int[] shift;
    private final int[] m0Negative;
    private final int[] shiftNegative;
    private final int zeroPoint;
    private final int min;
    private final int max;

    private OutputStage(double[] multipliers, double[] negativeMultipliers, int zeroPoint, int min, int max) {
        if (zeroPoint < -128 || zeroPoint > 127 || min < -128 || max > 127 || min > max) {
            throw new IllegalArgumentException("OutputStage: zero point " + zeroPoint + ", clamp [" + min + ", "
                    + max + "] must lie in [-128, 127]");
        }
        if (negativeMultipliers != null && negativeMultipliers.length != multipliers.length) {
            throw new IllegalArgumentException("OutputStage: " + multipliers.length + " multipliers but "
                    + negativeMultipliers.length + " negative-side multipliers");
        }
        this.m0 = new int[multipliers.length];
        this.shift = new int[multipliers.length];
        split(multipliers, m0, shift);
        if (negativeMultipliers != null) {
            m0Negative = new int[multipliers.length];
            shiftNegative = new int[multipliers.length];
            split(negativeMultipliers, m0Negative, shiftNegative);
        } else {
            m0Negative = m0;
            shiftNegative = shift;
        }
        this.zeroPoint = zeroPoint;
        this.min = min;
        this.max = max;
    }

    private static void split(double[] real, int[] m0, int[] shift) {
        for (int c = 0; c < real.length; c++) {
            FixedPoint.Multiplier m = FixedPoint.quantizeMultiplier(real[c]);
            m0[c] = m.m0();
            shift[c] = m.shift();
        }
    }

    /** Per-channel multipliers, no activation beyond the int8 range. */
    public static OutputStage linear(double[] multipliers, int zeroPoint) {
        return new OutputStage(multipliers, null, zeroPoint, -128, 127);
    }

    /** Per-channel multipliers and a clamp (ReLU: [zeroPoint, 127]; ReLU6: up to zeroPoint + round(6 / S_out)). */
    public static OutputStage clamped(double[] multipliers, int zeroPoint, int min, int max) {
        return new OutputStage(multipliers, null, zeroPoint, min, max);
    }

    /** Fused PReLU: multipliers[c] for a non-negative accumulator, negativeMultipliers[c] (= alpha[c] M[c]) below. */
    public static OutputStage prelu(double[] multipliers, double[] negativeMultipliers, int zeroPoint) {
        return new OutputStage(multipliers, negativeMultipliers, zeroPoint, -128, 127);
    }

    public int channels() {
        return m0.length;
    }

    public int zeroPoint() {
        return zeroPoint;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    /** The power-of-two exponent of channel c's multiplier on the side the accumulator's sign selects. */
    public int shift(int c, boolean negative) {
        return negative ? shiftNegative[c] : shift[c];
    }

    /**
     * y[yAt + i] = apply(acc[accAt + i] + add, c) for i < len: one channel's run of outputs, on vector lanes
     * unless -Dvigil.vector=off (the same bits: {@link FixedPointLanes}).
     */
    public void applyRun(int[] acc, int accAt, int add, byte[] y, int yAt, int len, int c) {
        int i = 0;
        if (Int8Lanes.VECTOR) {
            int n = FixedPointLanes.N;
            IntVector m0p = IntVector.broadcast(FixedPointLanes.INT, m0[c]);
            IntVector m0n = IntVector.broadcast(FixedPointLanes.INT, m0Negative[c]);
            IntVector lsp = IntVector.broadcast(FixedPointLanes.INT, Math.max(0, shift[c]));
            IntVector lsn = IntVector.broadcast(FixedPointLanes.INT, Math.max(0, shiftNegative[c]));
            IntVector rsp = IntVector.broadcast(FixedPointLanes.INT, Math.max(0, -shift[c]));
            IntVector rsn = IntVector.broadcast(FixedPointLanes.INT, Math.max(0, -shiftNegative[c]));
            for (; i + n <= len; i += n) {
                IntVector a = IntVector.fromArray(FixedPointLanes.INT, acc, accAt + i).add(add);
                VectorMask<Integer> neg = a.lt(0);
                IntVector q = FixedPointLanes.multiply(a, m0p.blend(m0n, neg), lsp.blend(lsn, neg), rsp.blend(rsn, neg));
                FixedPointLanes.store(q.add(zeroPoint), min, max, y, yAt + i);
            }
        }
        for (; i < len; i++) {
            y[yAt + i] = (byte) apply(acc[accAt + i] + add, c);
        }
    }

    /** The int8 code of accumulator acc of channel c. */
    public int apply(int acc, int c) {
        int y = acc >= 0
                ? FixedPoint.multiplyByQuantizedMultiplier(acc, m0[c], shift[c])
                : FixedPoint.multiplyByQuantizedMultiplier(acc, m0Negative[c], shiftNegative[c]);
        long v = (long) y + zeroPoint;
        return (int) Math.max(min, Math.min(max, v));
    }
}
