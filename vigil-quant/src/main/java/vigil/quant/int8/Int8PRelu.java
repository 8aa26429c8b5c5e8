package vigil.quant.int8;

import vigil.quant.FixedPoint;

/**
 * Standalone int8 PReLU (TFLite's reference int8 Prelu with a per-channel alpha): two output multipliers,
 * S_in / S_out for x >= Z_in, and S_in S_alpha[c] / S_out applied to the exact product
 * (x - Z_in) * alpha_q[c] below it; plus Z_out, saturated. Alpha is int8 with zero point 0.
 * x: [n, c, hw] -> y: [n, c, hw]. (The model fuses PReLU into its convolutions' {@link OutputStage}.)
 */
public final class Int8PRelu {
    private final int inputZeroPoint;
    private final byte[] alpha;
    private final FixedPoint.Multiplier positive;
    private final FixedPoint.Multiplier[] negative;
    private final int outputZeroPoint;

    public Int8PRelu(float inputScale, int inputZeroPoint, byte[] alpha, float[] alphaScale, float outputScale,
                     int outputZeroPoint) {
        if (alpha.length != alphaScale.length) {
            throw new IllegalArgumentException("Int8PRelu: " + alpha.length + " alphas and " + alphaScale.length
                    + " alpha scales");
        }
        this.inputZeroPoint = inputZeroPoint;
        this.alpha = alpha.clone();
        this.positive = FixedPoint.quantizeMultiplier((double) inputScale / outputScale);
        this.negative = new FixedPoint.Multiplier[alpha.length];
        for (int c = 0; c < alpha.length; c++) {
            negative[c] = FixedPoint.quantizeMultiplier((double) inputScale * alphaScale[c] / outputScale);
        }
        this.outputZeroPoint = outputZeroPoint;
    }

    public int apply(int x, int c) {
        int centred = x - inputZeroPoint;
        int y = centred >= 0 ? FixedPoint.multiplyByQuantizedMultiplier(centred, positive)
                : FixedPoint.multiplyByQuantizedMultiplier(centred * alpha[c], negative[c]);
        return (int) Math.max(-128, Math.min(127, (long) y + outputZeroPoint));
    }

    public byte[] forward(byte[] x, int n, int hw) {
        int c = alpha.length;
        if (x.length != n * c * hw) {
            throw new IllegalArgumentException("Int8PRelu: " + x.length + " codes are not [" + n + ", " + c + ", "
                    + hw + "]");
        }
        byte[] y = new byte[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (byte) apply(x[i], (i / hw) % c);
        }
        return y;
    }
}
