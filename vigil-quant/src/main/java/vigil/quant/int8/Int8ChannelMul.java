package vigil.quant.int8;

import vigil.quant.FixedPoint;

/**
 * Int8 multiply of a map by a per-channel gate (squeeze-excitation's x * sigmoid(..); TFLite's reference
 * int8 Mul with broadcasting): the exact int32 product (x - Z_x)(g - Z_g) requantized by
 * S_x S_g / S_out, plus Z_out, saturated to int8. x: [n, c, hw], gate: [n, c] -> y: [n, c, hw].
 */
public final class Int8ChannelMul {
    private final int zeroPointX;
    private final int zeroPointGate;
    private final FixedPoint.Multiplier multiplier;
    private final int zeroPointOut;

    public Int8ChannelMul(float scaleX, int zeroPointX, float scaleGate, int zeroPointGate, float scaleOut,
                          int zeroPointOut) {
        this.zeroPointX = zeroPointX;
        this.zeroPointGate = zeroPointGate;
        this.multiplier = FixedPoint.quantizeMultiplier((double) scaleX * scaleGate / scaleOut);
        this.zeroPointOut = zeroPointOut;
    }

    public int shift() {
        return multiplier.shift();
    }

    public int apply(int x, int gate) {
        long y = (long) FixedPoint.multiplyByQuantizedMultiplier((x - zeroPointX) * (gate - zeroPointGate), multiplier)
                + zeroPointOut;
        return (int) Math.max(-128, Math.min(127, y));
    }

    public byte[] forward(byte[] x, byte[] gate, int n, int c, int hw) {
        if (x.length != n * c * hw || gate.length != n * c) {
            throw new IllegalArgumentException("Int8ChannelMul: map of " + x.length + " and gate of " + gate.length
                    + " codes do not fit [" + n + ", " + c + ", " + hw + "]");
        }
        byte[] y = new byte[x.length];
        for (int plane = 0; plane < n * c; plane++) {
            int g = gate[plane];
            for (int i = plane * hw; i < (plane + 1) * hw; i++) {
                y[i] = (byte) apply(x[i], g);
            }
        }
        return y;
    }
}
