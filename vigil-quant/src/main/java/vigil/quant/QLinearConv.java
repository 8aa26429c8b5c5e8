package vigil.quant;

import java.util.Arrays;

/**
 * Integer 2-D convolution (ONNX QLinearConv), plain scalar: codes widen to int32, products are taken
 * relative to the zero points (padding contributes nothing, i.e. pads hold the input zero point), an
 * optional int32 bias at scale S_x * S_w[o] is added, and the accumulator is requantized.
 * x: [N, C, H, W] per tensor; w: [O, C / groups, kH, kW] per tensor or per output channel (axis 0);
 * bias: [O] or null -> y: [N, O, Ho, Wo].
 */
public final class QLinearConv {
    private QLinearConv() {}

    public static QTensor forward(QTensor x, QTensor w, int[] bias, ConvGeometry g, float outputScale,
            int outputZeroPoint, QuantType outputType, Rounding rounding) {
        Requantizer out = rounding.requantizer(x.params().scale(0), w.params(), outputScale, outputZeroPoint, outputType);
        int[] acc = accumulate(x, w, bias, g);
        int[] shape = outputShape(x, w, g);
        int planes = shape[2] * shape[3];
        byte[] y = new byte[acc.length];
        for (int i = 0; i < acc.length; i++) {
            y[i] = (byte) out.requantize(acc[i], (i / planes) % shape[1]);
        }
        return new QTensor(y, shape, outputType, QuantParams.perTensor(outputScale, outputZeroPoint));
    }

    /** The int32 accumulators bias[o] + sum (x - Z_x)(w - Z_w[o]): [N, O, Ho, Wo]. */
    public static int[] accumulate(QTensor x, QTensor w, int[] bias, ConvGeometry g) {
        int[] shape = outputShape(x, w, g);
        int n = shape[0], o = shape[1], ho = shape[2], wo = shape[3];
        int c = x.dim(1), h = x.dim(2), wi = x.dim(3);
        int cg = w.dim(1), kh = w.dim(2), kw = w.dim(3);
        int og = o / g.groups();
        if (bias != null && bias.length != o) {
            throw new IllegalArgumentException("QLinearConv: bias of " + bias.length + " for " + o + " output channels");
        }
        int zx = x.params().zeroPoint(0);
        int[] xv = x.values();
        int[] wv = w.values();
        int[] acc = new int[n * o * ho * wo];
        for (int b = 0; b < n; b++) {
            for (int oc = 0; oc < o; oc++) {
                int zw = w.params().zeroPoint(w.params().isPerTensor() ? 0 : oc);
                int firstIn = (oc / og) * cg;
                int yBase = (b * o + oc) * ho * wo;
                for (int oy = 0; oy < ho; oy++) {
                    for (int ox = 0; ox < wo; ox++) {
                        int sum = bias == null ? 0 : bias[oc];
                        for (int ic = 0; ic < cg; ic++) {
                            int xPlane = (b * c + firstIn + ic) * h * wi;
                            int wPlane = (oc * cg + ic) * kh * kw;
                            for (int ky = 0; ky < kh; ky++) {
                                int iy = oy * g.strides()[0] - g.pads()[0] + ky * g.dilations()[0];
                                if (iy < 0 || iy >= h) {
                                    continue;
                                }
                                for (int kx = 0; kx < kw; kx++) {
                                    int ix = ox * g.strides()[1] - g.pads()[1] + kx * g.dilations()[1];
                                    if (ix < 0 || ix >= wi) {
                                        continue;
                                    }
                                    sum += (xv[xPlane + iy * wi + ix] - zx) * (wv[wPlane + ky * kw + kx] - zw);
                                }
                            }
                        }
                        acc[yBase + oy * wo + ox] = sum;
                    }
                }
            }
        }
        return acc;
    }

    private static int[] outputShape(QTensor x, QTensor w, ConvGeometry g) {
        boolean ok = x.rank() == 4 && w.rank() == 4 && x.dim(1) % g.groups() == 0 && w.dim(0) % g.groups() == 0
                && w.dim(1) * g.groups() == x.dim(1);
        if (!ok) {
            throw new IllegalArgumentException("QLinearConv: x " + Arrays.toString(x.shape()) + ", w "
                    + Arrays.toString(w.shape()) + ", groups " + g.groups()
                    + " (need x [N, C, H, W], w [O, C / groups, kH, kW])");
        }
        if (!x.params().isPerTensor()) {
            throw new IllegalArgumentException("QLinearConv: x must be quantized per tensor, got " + x.params());
        }
        if (!w.params().isPerTensor() && w.params().axis() != 0) {
            throw new IllegalArgumentException("QLinearConv: w must be per tensor or per output channel (axis 0), got "
                    + w.params());
        }
        return new int[] {x.dim(0), w.dim(0), g.outputSize(x.dim(2), w.dim(2), 0), g.outputSize(x.dim(3), w.dim(3), 1)};
    }
}
