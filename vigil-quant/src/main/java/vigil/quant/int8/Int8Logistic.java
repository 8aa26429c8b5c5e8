package vigil.quant.int8;

/**
 * Int8 sigmoid as a 256-entry table (TFLite's int8 Logistic): the output has TFLite's fixed parameters
 * scale 1/256, zero point -128, and entry q holds round(256 sigmoid(S_in (q - Z_in))) - 128, saturated.
 * The table is built in floating point once, when the model is built; inference only looks codes up.
 */
public final class Int8Logistic {
    public static final float OUTPUT_SCALE = 1f / 256f;
    public static final int OUTPUT_ZERO_POINT = -128;

    private final byte[] table = new byte[256];

    public Int8Logistic(float inputScale, int inputZeroPoint) {
        for (int q = -128; q <= 127; q++) {
            double real = (double) inputScale * (q - inputZeroPoint);
            double sigmoid = 1.0 / (1.0 + Math.exp(-real));
            long code = Math.round(sigmoid * 256.0) + OUTPUT_ZERO_POINT;
            table[q + 128] = (byte) Math.max(-128, Math.min(127, code));
        }
    }

    public int apply(int q) {
        return table[q + 128];
    }

    public byte[] forward(byte[] x) {
        byte[] y = new byte[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = table[x[i] + 128];
        }
        return y;
    }
}
