package vigil.liveness.int8;

/**
 * The int8 affine parameters of one activation point, r = scale (q - zeroPoint), q in [-128, 127].
 * From a range as TensorFlow's FakeQuant nudges it: the range is widened to contain 0, scale =
 * (max - min) / 255, zeroPoint = clamp(round(-128 - min / scale)); a range of only 0 gets scale 1, zero 0.
 */
public record ActivationQuant(float scale, int zeroPoint) {
    public static final ActivationQuant IMAGE = new ActivationQuant(1f, -128);

    public ActivationQuant {
        if (!(scale > 0) || !Float.isFinite(scale) || zeroPoint < -128 || zeroPoint > 127) {
            throw new IllegalArgumentException("activation scale " + scale + " / zero point " + zeroPoint
                    + ": need a positive finite scale and a zero point in [-128, 127]");
        }
    }

    public static ActivationQuant fromRange(float min, float max) {
        if (!(min <= max) || !Float.isFinite(min) || !Float.isFinite(max)) {
            throw new IllegalArgumentException("activation range [" + min + ", " + max + "] is not a finite interval");
        }
        double lo = Math.min(min, 0.0);
        double hi = Math.max(max, 0.0);
        if (hi == lo) {
            return new ActivationQuant(1f, 0);
        }
        float scale = (float) ((hi - lo) / 255.0);
        long zero = Math.round(-128 - lo / scale);
        return new ActivationQuant(scale, (int) Math.max(-128, Math.min(127, zero)));
    }

    public float dequantize(int q) {
        return scale * (q - zeroPoint);
    }
}
