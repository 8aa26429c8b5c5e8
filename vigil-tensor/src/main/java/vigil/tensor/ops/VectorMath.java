package vigil.tensor.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * exp, tanh and sigmoid on float vectors built only from IEEE-exact lane operations (add, multiply, fma,
 * min/max, integer shifts, bit reinterpretation). The Vector API's own EXP and TANH are not used: before
 * the JIT compiles a loop they run a Java fallback, after it a native math library, and the two differ in
 * the last bits, so a result would depend on how warm the JVM is (a resumed training run would drift from
 * an uninterrupted one). These give the same bits interpreted and compiled, equal to the scalar
 * {@link #exp(float)} twin below, and are within 2 ulp of Math's over the float range.
 */
public final class VectorMath {
    // exp(x) = 2^n * e^r with n = round(x / ln 2) and |r| <= ln2 / 2; ln 2 split in two so that n * LN2_HI is exact.
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    // adding 1.5 * 2^23 rounds a float of magnitude < 2^22 to the nearest integer, which lands in the low mantissa bits
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = 0x4B400000;
    // below this exp underflows past the smallest normal; above the next it overflows
    private static final float MIN_ARG = -87.33654f;
    private static final float MAX_ARG = 88.72283f;
    // minimax polynomial for (e^r - 1 - r) / r^2 on [-ln2/2, ln2/2] (the Cephes expf coefficients)
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;
    // below this |x| tanh uses its Taylor series (the quotient form would cancel)
    private static final float TANH_SERIES = 0.0625f;

    private VectorMath() {
    }

    /** The scalar twin of {@link #exp(FloatVector)}: the same operations in the same order, so the same bits. */
    public static float exp(float x) {
        if (Float.isNaN(x)) {
            return x;
        }
        if (x < MIN_ARG) {
            return 0f;
        }
        if (x > MAX_ARG) {
            return Float.POSITIVE_INFINITY;
        }
        float t = Math.fma(x, LOG2E, ROUNDER);
        float n = t - ROUNDER;
        float r = Math.fma(n, -LN2_HI, x);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(r, P0, P1), r, P2), r, P3), r, P4), r, P5);
        float y = p * (r * r) + r + 1f;
        int ni = Float.floatToRawIntBits(t) - ROUNDER_BITS;
        int a = ni >> 1;
        int b = ni - a;
        return y * Float.intBitsToFloat((a + 127) << 23) * Float.intBitsToFloat((b + 127) << 23);
    }

    /** e^x per lane: 0 below MIN_ARG, +infinity above MAX_ARG, NaN stays NaN. */
    public static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(MIN_ARG).min(MAX_ARG);
        FloatVector t = xc.fma(LOG2E, ROUNDER);
        FloatVector n = t.sub(ROUNDER);
        FloatVector r = n.fma(n.broadcast(-LN2_HI), xc);
        r = n.fma(n.broadcast(-LN2_LO), r);
        FloatVector p = r.fma(P0, P1);
        p = p.fma(r, p.broadcast(P2));
        p = p.fma(r, p.broadcast(P3));
        p = p.fma(r, p.broadcast(P4));
        p = p.fma(r, p.broadcast(P5));
        FloatVector y = p.mul(r.mul(r)).add(r).add(1f);
        // 2^n as 2^a * 2^b with a = n >> 1, b = n - a: n runs from -126 to 128, and 2^128 has no float
        IntVector ni = ((IntVector) t.reinterpretAsInts()).sub(ROUNDER_BITS);
        IntVector a = ni.lanewise(VectorOperators.ASHR, 1);
        IntVector b = ni.sub(a);
        FloatVector e = y.mul((FloatVector) a.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats())
                .mul((FloatVector) b.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
        e = e.blend(0f, x.compare(VectorOperators.LT, MIN_ARG));
        return e.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, MAX_ARG));
    }

    /** 1 / (1 + e^-x) per lane. */
    public static FloatVector sigmoid(FloatVector x) {
        FloatVector one = FloatVector.broadcast(x.species(), 1f);
        return one.div(exp(x.neg()).add(1f));
    }

    /** tanh x per lane: sign(x) (1 - e^-2|x|) / (1 + e^-2|x|), its series near 0. */
    public static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector e = exp(a.mul(-2f));
        FloatVector q = e.neg().add(1f).div(e.add(1f));
        FloatVector a2 = a.mul(a);
        // x - x^3/3 + 2x^5/15 - 17x^7/315, Horner in x^2
        FloatVector s = a2.fma(-17f / 315f, 2f / 15f);
        s = s.fma(a2, s.broadcast(-1f / 3f)).mul(a2).fma(a, a);
        VectorMask<Float> small = a.compare(VectorOperators.LT, TANH_SERIES);
        FloatVector m = q.blend(s, small);
        IntVector sign = ((IntVector) x.reinterpretAsInts()).and(0x80000000);
        return (FloatVector) ((IntVector) m.reinterpretAsInts()).or(sign).reinterpretAsFloats();
    }
}
