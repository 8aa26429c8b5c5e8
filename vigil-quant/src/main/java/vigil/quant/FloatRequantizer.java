package vigil.quant;

/**
 * ONNX QLinearConv / QLinearMatMul requantization: y = saturate(rint(acc * M[c]) + Z_y), the product in
 * double of the float32 multiplier and rint rounding half to even.
 */
public record FloatRequantizer(double[] multipliers, int outputZeroPoint, QuantType outputType) implements Requantizer {
    public FloatRequantizer {
        if (multipliers.length == 0) {
            throw new IllegalArgumentException("FloatRequantizer: no multipliers");
        }
        if (outputZeroPoint < outputType.min() || outputZeroPoint > outputType.max()) {
            throw new IllegalArgumentException("FloatRequantizer: zero point " + outputZeroPoint + " outside " + outputType);
        }
        multipliers = multipliers.clone();
    }

    @Override
    public int requantize(int accumulator, int channel) {
        double m = multipliers[multipliers.length == 1 ? 0 : channel];
        return outputType.saturate((long) Math.rint(accumulator * m) + outputZeroPoint);
    }

    @Override
    public int channels() {
        return multipliers.length;
    }
}
