package vigil.liveness.int8;

/**
 * The int8 parameters of one convolution or linear layer: weights symmetric per output channel
 * (w ~= weightScale[o] * weight[..], codes in [-127, 127]), the bias as int32 at scale S_in * weightScale[o]
 * (null when the layer has none), and for a PReLU its slopes as int8 per channel (alpha[o] ~= alphaScale[o]
 * * alphaCode[o]; null otherwise).
 */
public record QuantizedLayer(byte[] weight, float[] weightScale, int[] bias, byte[] alphaCode, float[] alphaScale) {
    public QuantizedLayer {
        if ((alphaCode == null) != (alphaScale == null)
                || (alphaCode != null && alphaCode.length != alphaScale.length)) {
            throw new IllegalArgumentException("QuantizedLayer: PReLU slopes need one code and one scale per channel");
        }
    }

    public int outChannels() {
        return weightScale.length;
    }

    /** The real PReLU slope of channel o. */
    public double alpha(int o) {
        return (double) alphaScale[o] * alphaCode[o];
    }

    /** Weights [out, perChannel] quantized per output row: scale max|w| / 127 (1 for an all-zero row). */
    static QuantizedLayer quantize(float[] w, int out, float[] bias, double inputScale, float[] alpha) {
        int per = w.length / out;
        byte[] q = new byte[w.length];
        float[] scales = new float[out];
        for (int o = 0; o < out; o++) {
            float maxAbs = 0;
            for (int i = o * per; i < (o + 1) * per; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(w[i]));
            }
            scales[o] = maxAbs > 0 ? maxAbs / 127f : 1f;
            for (int i = o * per; i < (o + 1) * per; i++) {
                q[i] = (byte) Math.max(-127, Math.min(127, Math.round(w[i] / scales[o])));
            }
        }
        int[] qb = null;
        if (bias != null) {
            qb = new int[out];
            for (int o = 0; o < out; o++) {
                double v = bias[o] / (inputScale * scales[o]);
                qb[o] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE,
                        Math.signum(v) * Math.floor(Math.abs(v) + 0.5)));
            }
        }
        byte[] ac = null;
        float[] as = null;
        if (alpha != null) {
            ac = new byte[out];
            as = new float[out];
            for (int o = 0; o < out; o++) {
                // One value per channel quantizes exactly: code +-127 (or 0), scale |alpha| / 127.
                as[o] = alpha[o] != 0 ? Math.abs(alpha[o]) / 127f : 1f;
                ac[o] = (byte) (alpha[o] > 0 ? 127 : alpha[o] < 0 ? -127 : 0);
            }
        }
        return new QuantizedLayer(q, scales, qb, ac, as);
    }
}
