package vigil.quant;

/** How an integer kernel rounds its requantization (see {@link Requantizer}). */
public enum Rounding {
    /** ONNX QLinear* semantics: float multiplier, round half to even. */
    FLOAT,
    /** TFLite reference kernels: Q31 fixed-point multiplier, gemmlowp rounding. */
    FIXED_POINT;

    public Requantizer requantizer(float inputScale, QuantParams weights, float outputScale, int outputZeroPoint,
            QuantType outputType) {
        double[] m = Requantizer.multipliers(inputScale, weights, outputScale);
        return this == FLOAT
                ? new FloatRequantizer(m, outputZeroPoint, outputType)
                : FixedPointRequantizer.of(m, outputZeroPoint, outputType);
    }
}
