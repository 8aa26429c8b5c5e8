package vigil.tensor.ops;

import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;

/** Matrix products: 2-D, batched 3-D, and the fused affine map of a linear layer. */
public final class MatMul {
    private MatMul() {
    }

    /** [m,k] x [k,n] -> [m,n], or [B,m,k] x [B,k,n] -> [B,m,n]. */
    public static Tensor matmul(Tensor a, Tensor b) {
        int[] as = a.shape();
        int[] bs = b.shape();
        boolean batched = as.length == 3 && bs.length == 3 && as[0] == bs[0];
        if (!(as.length == 2 && bs.length == 2 || batched) || as[as.length - 1] != bs[bs.length - 2]) {
            throw new ShapeException("matmul: cannot multiply " + Shape.str(as) + " by " + Shape.str(bs));
        }
        int batch = batched ? as[0] : 1;
        int m = as[as.length - 2];
        int k = as[as.length - 1];
        int n = bs[bs.length - 1];
        float[] x = a.data();
        float[] w = b.data();
        float[] y = new float[batch * m * n];
        for (int t = 0; t < batch; t++) {
            Gemm.sgemm(false, false, m, n, k, x, t * m * k, k, w, t * k * n, n, 0f, y, t * m * n, n);
        }
        int[] os = batched ? new int[] {batch, m, n} : new int[] {m, n};
        return Autograd.record("matmul", Tensor.of(y, os), g -> {
            if (a.requiresGrad()) {
                float[] ga = new float[x.length];
                for (int t = 0; t < batch; t++) {
                    Gemm.sgemm(false, true, m, k, n, g, t * m * n, n, w, t * k * n, n, 0f, ga, t * m * k, k);
                }
                a.accumulateGrad(ga);
            }
            if (b.requiresGrad()) {
                float[] gb = new float[w.length];
                for (int t = 0; t < batch; t++) {
                    Gemm.sgemm(true, false, k, n, m, x, t * m * k, k, g, t * m * n, n, 0f, gb, t * k * n, n);
                }
                b.accumulateGrad(gb);
            }
        }, a, b);
    }

    /** y = x W^T + b, as torch.nn.functional.linear. x: [..., in], weight: [out, in], bias: [out] or null. */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        int[] xs = x.shape();
        int[] ws = weight.shape();
        if (ws.length != 2 || xs.length == 0 || xs[xs.length - 1] != ws[1]) {
            throw new ShapeException("linear: input " + Shape.str(xs) + " does not match weight " + Shape.str(ws));
        }
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != ws[0])) {
            throw new ShapeException("linear: bias " + Shape.str(bias.shape()) + " for weight " + Shape.str(ws));
        }
        int in = ws[1];
        int out = ws[0];
        int rows = x.numel() / in;
        float[] xd = x.data();
        float[] wd = weight.data();
        float[] y = new float[rows * out];
        if (bias != null) {
            float[] bd = bias.data();
            for (int r = 0; r < rows; r++) {
                System.arraycopy(bd, 0, y, r * out, out);
            }
        }
        Gemm.sgemm(false, true, rows, out, in, xd, 0, in, wd, 0, in, bias == null ? 0f : 1f, y, 0, out);
        int[] ys = xs.clone();
        ys[ys.length - 1] = out;
        Tensor[] inputs = bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
        return Autograd.record("linear", Tensor.of(y, ys), g -> {
            if (x.requiresGrad()) {
                float[] gx = new float[xd.length];
                Gemm.sgemm(false, false, rows, in, out, g, 0, out, wd, 0, in, 0f, gx, 0, in);
                x.accumulateGrad(gx);
            }
            if (weight.requiresGrad()) {
                float[] gw = new float[wd.length];
                Gemm.sgemm(true, false, out, in, rows, g, 0, out, xd, 0, in, 0f, gw, 0, in);
                weight.accumulateGrad(gw);
            }
            if (bias != null && bias.requiresGrad()) {
                float[] gb = new float[out];
                for (int r = 0; r < rows; r++) {
                    for (int j = 0; j < out; j++) {
                        gb[j] += g[r * out + j];
                    }
                }
                bias.accumulateGrad(gb);
            }
        }, inputs);
    }
}
