package vigil.quant;

import vigil.tensor.Tensor;
import vigil.tensor.ops.Conv2dOp;
import vigil.tensor.ops.MatMul;

/**
 * Float-simulated twins of the integer kernels: dequantize the inputs, run the engine's float32 op,
 * add the bias at scale S_x * S_w[o], quantize the result with the output parameters. When every real
 * value and partial sum is exact in float32 (power-of-two scales, small codes) a twin must equal its
 * integer kernel code for code, which ties the integer loops to the float ops' tested geometry.
 */
public final class SimulatedQuant {
    private SimulatedQuant() {}

    // x: [N, C, H, W], w: [O, C / groups, kH, kW], bias: [O] int32 or null -> y: [N, O, Ho, Wo]
    public static QTensor conv(QTensor x, QTensor w, int[] bias, ConvGeometry g, float outputScale,
            int outputZeroPoint, QuantType outputType) {
        Tensor xr = padded(x, g.pads());
        Tensor wr = Tensor.of(w.dequantize(), w.shape());
        Tensor y = Conv2dOp.conv2d(xr, wr, null, g.strides(), new int[] {0, 0}, g.dilations(), g.groups());
        float[] yd = y.data();
        int[] shape = y.shape();
        if (bias != null) {
            int plane = shape[2] * shape[3];
            float sx = x.params().scale(0);
            for (int i = 0; i < yd.length; i++) {
                int o = (i / plane) % shape[1];
                float sw = w.params().scale(w.params().isPerTensor() ? 0 : o);
                yd[i] += bias[o] * (sx * sw);
            }
        }
        return QTensor.quantize(yd, shape, QuantParams.perTensor(outputScale, outputZeroPoint), outputType);
    }

    // a: [M, K] or [B, M, K], b: [K, N] or [B, K, N] -> y: [..., M, N]
    public static QTensor matMul(QTensor a, QTensor b, float outputScale, int outputZeroPoint, QuantType outputType) {
        Tensor ar = Tensor.of(a.dequantize(), a.shape());
        Tensor br = Tensor.of(b.dequantize(), b.shape());
        Tensor y;
        if (a.rank() == 3 && b.rank() == 2) {
            int[] s = a.shape();
            Tensor flat = MatMul.matmul(Tensor.of(ar.data(), s[0] * s[1], s[2]), br);
            y = Tensor.of(flat.data(), s[0], s[1], b.dim(1));
        } else {
            y = MatMul.matmul(ar, br);
        }
        return QTensor.quantize(y.data(), y.shape(), QuantParams.perTensor(outputScale, outputZeroPoint), outputType);
    }

    /** The dequantized input with ONNX's (possibly asymmetric) pads [top, left, bottom, right] of real 0. */
    private static Tensor padded(QTensor x, int[] pads) {
        float[] r = x.dequantize();
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
        int hp = h + pads[0] + pads[2], wp = w + pads[1] + pads[3];
        float[] out = new float[n * c * hp * wp];
        for (int plane = 0; plane < n * c; plane++) {
            for (int iy = 0; iy < h; iy++) {
                System.arraycopy(r, (plane * h + iy) * w, out, (plane * hp + iy + pads[0]) * wp + pads[1], w);
            }
        }
        return Tensor.of(out, n, c, hp, wp);
    }
}
