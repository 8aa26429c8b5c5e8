package vigil.quant;

/**
 * TFLite reference requantization in integers only: y = saturate(MultiplyByQuantizedMultiplier(acc,
 * M0[c], shift[c]) + Z_y), with M0 and shift from {@link FixedPoint#quantizeMultiplier}.
 */
public record FixedPointRequantizer(FixedPoint.Multiplier[] multipliers, int outputZeroPoint, QuantType outputType)
        implements Requantizer {
    public FixedPointRequantizer {
        if (multipliers.length == 0) {
            throw new IllegalArgumentException("FixedPointRequantizer: no multipliers");
        }
        if (outputZeroPoint < outputType.min() || outputZeroPoint > outputType.max()) {
            throw new IllegalArgumentException("FixedPointRequantizer: zero point " + outputZeroPoint + " outside " + outputType);
        }
        multipliers = multipliers.clone();
    }

    public static FixedPointRequantizer of(double[] realMultipliers, int outputZeroPoint, QuantType outputType) {
        FixedPoint.Multiplier[] m = new FixedPoint.Multiplier[realMultipliers.length];
        for (int c = 0; c < m.length; c++) {
            m[c] = FixedPoint.quantizeMultiplier(realMultipliers[c]);
        }
        return new FixedPointRequantizer(m, outputZeroPoint, outputType);
    }

    @Override
    public int requantize(int accumulator, int channel) {
        FixedPoint.Multiplier m = multipliers[multipliers.length == 1 ? 0 : channel];
        return outputType.saturate((long) FixedPoint.multiplyByQuantizedMultiplier(accumulator, m) + outputZeroPoint);
    }

    @Override
    public int channels() {
        return multipliers.length;
    }
}
