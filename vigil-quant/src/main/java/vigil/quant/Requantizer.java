package vigil.quant;

/**
 * Maps an int32 accumulator of output channel c (sum of (q_x - Z_x)(q_w - Z_w) plus int32 bias, at
 * scale S_x * S_w[c]) to an output code: saturate(round(acc * M[c]) + Z_y) with M[c] = S_x S_w[c] / S_y.
 * The two variants differ only in how they round acc * M: in floating point as the ONNX spec and
 * runtime do, or in integers only as TFLite's reference kernels do.
 */
public sealed interface Requantizer permits FloatRequantizer, FixedPointRequantizer {
    int requantize(int accumulator, int channel);

    QuantType outputType();

    int outputZeroPoint();

    /** Channels this requantizer has multipliers for (1 means one multiplier shared by all channels). */
    int channels();

    /**
     * Real multipliers S_in * S_w[c] / S_out computed in float32 (as ONNX Runtime does), one per
     * weight channel; a single one when the weights are per tensor.
     */
    static double[] multipliers(float inputScale, QuantParams weights, float outputScale) {
        double[] m = new double[weights.channels()];
        for (int c = 0; c < m.length; c++) {
            m[c] = inputScale * weights.scale(c) / outputScale;
        }
        return m;
    }
}
