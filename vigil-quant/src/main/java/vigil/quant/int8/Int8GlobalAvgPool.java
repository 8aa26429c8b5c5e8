package vigil.quant.int8;

/**
 * Int8 global average pooling (TFLite's reference int8 AveragePool over the whole map): the int32 sum of
 * the codes divided by the count, rounded half away from zero, clamped to int8; input and output share
 * scale and zero point (TFLite requires it), so no requantization is needed. x: [n, c, hw] -> y: [n, c].
 */
public final class Int8GlobalAvgPool {
    private Int8GlobalAvgPool() {
    }

    public static byte[] forward(byte[] x, int n, int c, int hw) {
        if (x.length != n * c * hw || hw < 1) {
            throw new IllegalArgumentException("Int8GlobalAvgPool: " + x.length + " codes are not [" + n + ", " + c
                    + ", " + hw + "]");
        }
        byte[] y = new byte[n * c];
        for (int plane = 0; plane < n * c; plane++) {
            int acc = 0;
            for (int i = plane * hw; i < (plane + 1) * hw; i++) {
                acc += x[i];
            }
            int avg = acc > 0 ? (acc + hw / 2) / hw : (acc - hw / 2) / hw;
            y[plane] = (byte) Math.max(-128, Math.min(127, avg));
        }
        return y;
    }
}
