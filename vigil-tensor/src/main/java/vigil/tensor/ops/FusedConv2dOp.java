package vigil.tensor.ops;

import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.parallel.Parallel;

/**
 * Inference-only convolution with its bias and activation (and optionally a residual add) applied while
 * each output tile or plane is still in cache, the kernel behind a convolution with batch norm folded in
 * (nn.FusedConvBnAct). Paths: a depthwise kernel covering its whole input (one output per plane) as one dot
 * product per plane; other depthwise geometries by {@link VectorDepthwise} with the epilogue on each plane as
 * it is written; everything else as a product per (sample, group) (1x1 directly, others after im2col) by
 * {@link FusedPointwise}, the epilogue on each register tile. With {@code -Dvigil.vector=off} the scalar
 * kernels run, then the epilogue as a pass. All paths give the bits of convolution, then epilogue, then add
 * (see FusedPointwise for the one -0 exception). Nothing is recorded for autograd, so it refuses inputs
 * that require gradients.
 * x: [N, C, H, W], weight: [O, C/groups, kh, kw], bias: [O] -> y = act(conv(x) + bias) (+ residual):
 * [N, O, Ho, Wo].
 */
public final class FusedConv2dOp {
    /** The activation applied after the bias; PRELU's slopes are one shared or one per output channel. */
    public enum Activation { IDENTITY, RELU, PRELU }

    private FusedConv2dOp() {
    }

    /** stride, padding, dilation as (h, w) pairs; slopes only for PRELU ([1] or [O]), else null. */
    public static Tensor forward(Tensor x, Tensor weight, float[] bias, int[] stride, int[] padding, int[] dilation,
                                 int groups, Activation act, float[] slopes) {
        Conv2dGeometry g = Conv2dGeometry.of(x.shape(), weight.shape(), stride, padding, dilation, groups);
        return forward(g, x, weight, bias, act, slopes, null);
    }

    /**
     * As above with the geometry checked once by the caller (it must be x's and weight's), and optionally
     * y = act(conv(x) + bias) + residual, residual of y's shape (a residual block's skip connection, added
     * while each output tile is in cache; the sum has the bits of the separate add).
     */
    public static Tensor forward(Conv2dGeometry g, Tensor x, Tensor weight, float[] bias, Activation act,
                                 float[] slopes, Tensor residual) {
        return forwardInto(g, x, weight, bias, act, slopes, residual, null);
    }

    /**
     * As above, writing the output into out (every element overwritten; null: a new array) and wrapping it: for
     * callers that own a scratch buffer for an intermediate result that never leaves them.
     */
    public static Tensor forwardInto(Conv2dGeometry g, Tensor x, Tensor weight, float[] bias, Activation act,
                                     float[] slopes, Tensor residual, float[] out) {
        if (Autograd.needsGrad(x, weight)) {
            throw new IllegalStateException("fused conv2d is inference-only: input " + Shape.str(x.shape())
                    + " requires gradients (use it under Autograd.noGrad())");
        }
        if (bias.length != g.o()) {
            throw new ShapeException("fused conv2d: bias of " + bias.length + " for weight " + Shape.str(weight.shape()));
        }
        if (act == Activation.PRELU && (slopes == null || (slopes.length != 1 && slopes.length != g.o()))) {
            throw new ShapeException("fused conv2d: prelu needs 1 or " + g.o() + " slopes, got "
                    + (slopes == null ? "none" : slopes.length));
        }
        float[] res = null;
        if (residual != null) {
            if (!java.util.Arrays.equals(residual.shape(), g.outputShape())) {
                throw new ShapeException("fused conv2d: residual " + Shape.str(residual.shape()) + " for output "
                        + Shape.str(g.outputShape()));
            }
            res = residual.contiguous().data();
        }
        float[] xd = x.data();
        float[] wd = weight.data();
        int size = g.n() * g.o() * g.ho() * g.wo();
        if (out != null && out.length != size) {
            throw new ShapeException("fused conv2d: output buffer of " + out.length + " for output "
                    + Shape.str(g.outputShape()));
        }
        float[] y = out != null ? out : new float[size];
        int plane = g.ho() * g.wo();
        float[] r = res;
        if (Gemm.VECTOR && isGlobalDepthwise(g)) {
            globalDepthwise(g, xd, wd, y);
            for (int p = 0; p < g.n() * g.o(); p++) {
                FusedPointwise.segment(y, p, 1, bias[p % g.o()], act, slope(act, slopes, p % g.o()), r, p);
            }
        } else if (Gemm.VECTOR && VectorDepthwise.supports(g)) {
            VectorDepthwise.forward(g, xd, wd, y, (dst, off, len, p) -> FusedPointwise.segment(dst, off, len,
                    bias[p % g.o()], act, slope(act, slopes, p % g.o()), r, off));
        } else if (g.isDepthwise()) {
            java.util.Arrays.fill(y, 0f);
            DepthwiseConv2d.forward(g, xd, wd, y);
            Parallel.forRange(g.n() * g.o(), 8, (p0, p1) -> {
                for (int p = p0; p < p1; p++) {
                    epilogue(y, p * plane, plane, p % g.o(), bias, act, slopes);
                    addResidual(y, r, p * plane, plane);
                }
            });
        } else if (Gemm.VECTOR) {
            FusedPointwise.Epilogue e = new FusedPointwise.Epilogue(bias, act, slopes, res);
            if (g.n() == 1) {
                convolveSampleFused(g, xd, wd, y, 0, g.isPointwise() ? null : columns(g.patch() * plane), e);
            } else {
                Parallel.forRange(g.n(), 1, (n0, n1) -> {
                    float[] col = g.isPointwise() ? null : columns(g.patch() * plane);
                    for (int n = n0; n < n1; n++) {
                        convolveSampleFused(g, xd, wd, y, n, col, e);
                    }
                });
            }
        } else {
            Parallel.forRange(g.n(), 1, (n0, n1) -> {
                float[] col = g.isPointwise() ? null : new float[g.patch() * plane];
                for (int n = n0; n < n1; n++) {
                    convolveSample(g, xd, wd, y, n, col);
                    for (int oc = 0; oc < g.o(); oc++) {
                        epilogue(y, (n * g.o() + oc) * plane, plane, oc, bias, act, slopes);
                    }
                    addResidual(y, r, n * g.o() * plane, g.o() * plane);
                }
            });
        }
        return Tensor.of(y, g.outputShape());
    }

    // A depthwise kernel as large as its unpadded input: one output per plane (MiniFASNet's conv_6_dw, 512
    // planes of 5x5), where the padded-plane kernel's per-plane setup would cost 20x its 25 multiply-adds.
    private static boolean isGlobalDepthwise(Conv2dGeometry g) {
        return g.isDepthwise() && g.ho() == 1 && g.wo() == 1 && g.ph() == 0 && g.pw() == 0 && g.kh() == g.h()
                && g.kw() == g.w() && g.dh() == 1 && g.dw() == 1;
    }

    // y[n, oc] = sum over taps in (ky, kx) order of x * weight, from +0 with separate multiply and add: the
    // arithmetic of VectorDepthwise (and of its scalar twin), so the same bits.
    private static void globalDepthwise(Conv2dGeometry g, float[] x, float[] w, float[] y) {
        int taps = g.kh() * g.kw();
        int mult = g.o() / g.c();
        for (int p = 0; p < g.n() * g.o(); p++) {
            int oc = p % g.o();
            int xc = (p / g.o() * g.c() + oc / mult) * taps;
            int wc = oc * taps;
            float acc = 0f;
            for (int t = 0; t < taps; t++) {
                acc += x[xc + t] * w[wc + t];
            }
            y[p] = acc;
        }
    }

    // Each thread's unfolded-patch scratch, kept across calls: im2col overwrites the part it uses.
    private static final ThreadLocal<float[]> COLUMNS = ThreadLocal.withInitial(() -> new float[0]);

    private static float[] columns(int size) {
        float[] col = COLUMNS.get();
        if (col.length < size) {
            col = new float[size];
            COLUMNS.set(col);
        }
        return col;
    }

    private static float slope(Activation act, float[] slopes, int oc) {
        return act == Activation.PRELU ? slopes[slopes.length == 1 ? 0 : oc] : 0f;
    }

    // y[off, off + len) = residual + y, in the operand order of the separate add (Elementwise: residual + y)
    private static void addResidual(float[] y, float[] residual, int off, int len) {
        if (residual != null) {
            for (int i = off; i < off + len; i++) {
                y[i] = residual[i] + y[i];
            }
        }
    }

    // y[n, group] = act(weight[group] [oPerGroup, patch] x col [patch, ho*wo] + bias) (+ residual), per tile
    private static void convolveSampleFused(Conv2dGeometry g, float[] x, float[] w, float[] y, int n, float[] col,
                                            FusedPointwise.Epilogue e) {
        int cols = g.ho() * g.wo();
        int patch = g.patch();
        int og = g.oPerGroup();
        Im2Col.forEachGroup(g, x, n, col, (grp, b, bOff, yOff) -> FusedPointwise.forward(og, cols, patch, w,
                grp * og * patch, b, bOff, y, yOff, grp == 0 ? e : e.forGroup(grp * og)));
    }

    // y[n, group] = weight[group] [oPerGroup, patch] x col [patch, ho*wo]
    private static void convolveSample(Conv2dGeometry g, float[] x, float[] w, float[] y, int n, float[] col) {
        int cols = g.ho() * g.wo();
        int patch = g.patch();
        int og = g.oPerGroup();
        Im2Col.forEachGroup(g, x, n, col, (grp, b, bOff, yOff) -> Gemm.sgemm(false, false, og, cols, patch, w,
                grp * og * patch, patch, b, bOff, cols, 0f, y, yOff, cols));
    }

    // y[off, off + len) = act(y + bias[oc]) with output channel oc's slope
    static void epilogue(float[] y, int off, int len, int oc, float[] bias, Activation act, float[] slopes) {
        FusedPointwise.segment(y, off, len, bias[oc], act, slope(act, slopes, oc), null, off);
    }
}
