package vigil.tensor.ops;

import vigil.tensor.BufferPool;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.parallel.Parallel;

/**
 * 2-D convolution (cross-correlation) with PyTorch's semantics, forward and hand-written backward.
 * Depthwise convolutions use the direct kernels of {@link DepthwiseConv2d}, dense 1x1 ones the batched
 * products of {@link PointwiseConv}; everything else is one
 * matrix product per (sample, group) over the unfolded patches of {@link Im2Col} (pointwise
 * convolutions use the input plane as it is). Work is split over samples (forward, d/dx) and over the
 * patch (d/dweight) on the shared pool, so results are bit-identical for every thread count.
 */
public final class Conv2dOp {
    private Conv2dOp() {
    }

    /**
     * x: [N, C, H, W], weight: [O, C/groups, kh, kw], bias: [O] or null -> y: [N, O, Ho, Wo].
     * stride, padding and dilation are (h, w) pairs.
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                                int groups) {
        Conv2dGeometry g = Conv2dGeometry.of(x.shape(), weight.shape(), stride, padding, dilation, groups);
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != g.o())) {
            throw new ShapeException("conv2d: bias " + Shape.str(bias.shape()) + " for weight "
                    + Shape.str(weight.shape()) + " (expected [" + g.o() + "])");
        }
        float[] xd = x.data();
        float[] wd = weight.data();
        // the vector depthwise kernel and the GEMMs (beta 0) overwrite y; the scalar depthwise kernel adds into it
        boolean overwrites = !g.isDepthwise() || (Gemm.VECTOR && VectorDepthwise.supports(g));
        int ySize = g.n() * g.o() * g.ho() * g.wo();
        float[] y = overwrites ? BufferPool.take(ySize) : BufferPool.takeZeroed(ySize);
        if (g.isDepthwise()) {
            DepthwiseConv2d.forward(g, xd, wd, y);
        } else if (isDensePointwise(g)) {
            PointwiseConv.forward(g.n(), g.c(), g.o(), g.ho() * g.wo(), xd, wd, y);
        } else {
            forwardUnfolded(g, xd, wd, bias == null ? null : bias.data(), y); // adds the bias itself
        }
        if (bias != null && (g.isDepthwise() || isDensePointwise(g))) {
            for (int n = 0; n < g.n(); n++) {
                addBias(g, bias.data(), y, n);
            }
        }
        Tensor[] inputs = bias == null ? new Tensor[] {x, weight} : new Tensor[] {x, weight, bias};
        return Autograd.record("conv2d", Tensor.of(y, g.outputShape()), gy -> {
            // the depthwise and dense pointwise d/dx overwrite gx; the unfolded one accumulates into zeros
            float[] gx = !x.requiresGrad() ? null
                    : g.isDepthwise() || isDensePointwise(g) ? BufferPool.take(xd.length)
                    : BufferPool.takeZeroed(xd.length);
            float[] gw = weight.requiresGrad() ? new float[wd.length] : null;
            if (gx != null || gw != null) {
                if (g.isDepthwise()) {
                    DepthwiseConv2d.backward(g, xd, wd, gy, gx, gw);
                } else if (isDensePointwise(g)) {
                    int plane = g.ho() * g.wo();
                    if (gx != null) {
                        PointwiseConv.gradInput(g.n(), g.c(), g.o(), plane, wd, gy, gx);
                    }
                    if (gw != null) {
                        PointwiseConv.gradWeight(g.n(), g.c(), g.o(), plane, xd, gy, gw);
                    }
                } else {
                    if (gx != null) {
                        gradInputUnfolded(g, wd, gy, gx);
                    }
                    if (gw != null) {
                        gradWeightUnfolded(g, xd, gy, gw);
                    }
                }
            }
            // gx, gw and the bias gradient are fresh arrays: handed over, not copied
            if (gx != null) {
                x.accumulateGradOwned(gx);
            }
            if (gw != null) {
                weight.accumulateGradOwned(gw);
            }
            if (bias != null && bias.requiresGrad()) {
                bias.accumulateGradOwned(biasGrad(g, gy));
            }
        }, inputs);
    }

    // a 1x1, stride-1, unpadded convolution with one group: PointwiseConv's batched products apply
    static boolean isDensePointwise(Conv2dGeometry g) {
        return g.isPointwise() && g.groups() == 1;
    }

    // y[n, group] = weight[group] [oPerGroup, patch] x col [patch, ho*wo] (+ bias); samples run in parallel
    private static void forwardUnfolded(Conv2dGeometry g, float[] x, float[] w, float[] bias, float[] y) {
        int cols = g.ho() * g.wo();
        int patch = g.patch();
        int og = g.oPerGroup();
        Parallel.forRange(g.n(), 1, (n0, n1) -> {
            float[] col = g.isPointwise() ? null : new float[patch * cols];
            for (int n = n0; n < n1; n++) {
                Im2Col.forEachGroup(g, x, n, col, (grp, b, bOff, yOff) -> Gemm.sgemm(false, false, og, cols, patch,
                        w, grp * og * patch, patch, b, bOff, cols, 0f, y, yOff, cols));
                if (bias != null) {
                    addBias(g, bias, y, n);
                }
            }
        });
    }

    // gcol = weight[group]^T x gy[n, group], folded back into gx; samples run in parallel
    private static void gradInputUnfolded(Conv2dGeometry g, float[] w, float[] gy, float[] gx) {
        int cols = g.ho() * g.wo();
        int patch = g.patch();
        int og = g.oPerGroup();
        boolean unfold = !g.isPointwise();
        Parallel.forRange(g.n(), 1, (n0, n1) -> {
            float[] gcol = unfold ? new float[patch * cols] : null;
            for (int n = n0; n < n1; n++) {
                for (int grp = 0; grp < g.groups(); grp++) {
                    int xOff = (n * g.c() + grp * g.cPerGroup()) * g.h() * g.w();
                    int yOff = (n * g.o() + grp * og) * cols;
                    int wOff = grp * og * patch;
                    if (unfold) {
                        Gemm.sgemm(true, false, patch, cols, og, w, wOff, patch, gy, yOff, cols, 0f, gcol, 0, cols);
                        Im2Col.col2imAccumulate(g, gcol, gx, xOff);
                    } else {
                        Gemm.sgemm(true, false, patch, cols, og, w, wOff, patch, gy, yOff, cols, 1f, gx, xOff, cols);
                    }
                }
            }
        });
    }

    // gw[group][:, p0:p1] += gy[n, group] x col[p0:p1]^T over samples n in order. The patch (columns of gw)
    // is split across threads: each part unfolds only its own rows, and every weight sees one fixed sum order.
    private static void gradWeightUnfolded(Conv2dGeometry g, float[] x, float[] gy, float[] gw) {
        int cols = g.ho() * g.wo();
        int patch = g.patch();
        int og = g.oPerGroup();
        boolean unfold = !g.isPointwise();
        Parallel.forRange(patch, 8, (p0, p1) -> {
            float[] col = unfold ? new float[(p1 - p0) * cols] : null;
            for (int grp = 0; grp < g.groups(); grp++) {
                int wOff = grp * og * patch;
                for (int n = 0; n < g.n(); n++) {
                    int xOff = (n * g.c() + grp * g.cPerGroup()) * g.h() * g.w();
                    int yOff = (n * g.o() + grp * og) * cols;
                    float[] b = x;
                    int bOff = xOff + p0 * cols;
                    if (unfold) {
                        Im2Col.im2colRows(g, x, xOff, col, p0, p1);
                        b = col;
                        bOff = 0;
                    }
                    Gemm.sgemm(false, true, og, p1 - p0, cols, gy, yOff, cols, b, bOff, cols, 1f, gw, wOff + p0, patch);
                }
            }
        });
    }

    // y[n, oc] += bias[oc] for one sample
    private static void addBias(Conv2dGeometry g, float[] bias, float[] y, int n) {
        int plane = g.ho() * g.wo();
        for (int oc = 0; oc < g.o(); oc++) {
            int off = (n * g.o() + oc) * plane;
            float b = bias[oc];
            for (int i = 0; i < plane; i++) {
                y[off + i] += b;
            }
        }
    }

    // gb[oc] = sum of gy over samples and positions
    private static float[] biasGrad(Conv2dGeometry g, float[] gy) {
        int plane = g.ho() * g.wo();
        float[] gb = new float[g.o()];
        for (int n = 0; n < g.n(); n++) {
            for (int oc = 0; oc < g.o(); oc++) {
                int off = (n * g.o() + oc) * plane;
                double s = 0;
                for (int i = 0; i < plane; i++) {
                    s += gy[off + i];
                }
                gb[oc] += (float) s;
            }
        }
        return gb;
    }
}
