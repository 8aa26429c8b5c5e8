package vigil.tensor.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.parallel.Parallel;

/**
 * Inference-only convolution with its bias and activation applied in one pass over each output plane,
 * the kernel behind a convolution with batch norm folded in (nn.FusedConvBnAct). The convolution itself
 * is {@link Conv2dOp}'s: the depthwise kernels (the vector one applies the epilogue to each plane as soon
 * as it is written), or unfold + GEMM per (sample, group), the epilogue per sample. Nothing is recorded
 * for autograd, so it refuses inputs that require gradients.
 * x: [N, C, H, W], weight: [O, C/groups, kh, kw], bias: [O] -> y = act(conv(x) + bias): [N, O, Ho, Wo].
 */
public final class FusedConv2dOp {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** The activation applied after the bias; PRELU's slopes are one shared or one per output channel. */
    public enum Activation { IDENTITY, RELU, PRELU }

    private FusedConv2dOp() {
    }

    /** stride, padding, dilation as (h, w) pairs; slopes only for PRELU ([1] or [O]), else null. */
    public static Tensor forward(Tensor x, Tensor weight, float[] bias, int[] stride, int[] padding, int[] dilation,
                                 int groups, Activation act, float[] slopes) {
        if (Autograd.needsGrad(x, weight)) {
            throw new IllegalStateException("fused conv2d is inference-only: input " + Shape.str(x.shape())
                    + " requires gradients (use it under Autograd.noGrad())");
        }
        Conv2dGeometry g = Conv2dGeometry.of(x.shape(), weight.shape(), stride, padding, dilation, groups);
        if (bias.length != g.o()) {
            throw new ShapeException("fused conv2d: bias of " + bias.length + " for weight " + Shape.str(weight.shape()));
        }
        if (act == Activation.PRELU && (slopes == null || (slopes.length != 1 && slopes.length != g.o()))) {
            throw new ShapeException("fused conv2d: prelu needs 1 or " + g.o() + " slopes, got "
                    + (slopes == null ? "none" : slopes.length));
        }
        float[] xd = x.data();
        float[] wd = weight.data();
        float[] y = new float[g.n() * g.o() * g.ho() * g.wo()];
        int plane = g.ho() * g.wo();
        if (Gemm.VECTOR && VectorDepthwise.supports(g)) {
            VectorDepthwise.forward(g, xd, wd, y, (out, off, len, p) -> epilogue(out, off, len, p % g.o(), bias, act,
                    slopes));
        } else if (g.isDepthwise()) {
            DepthwiseConv2d.forward(g, xd, wd, y);
            Parallel.forRange(g.n() * g.o(), 8, (p0, p1) -> {
                for (int p = p0; p < p1; p++) {
                    epilogue(y, p * plane, plane, p % g.o(), bias, act, slopes);
                }
            });
        } else {
            Parallel.forRange(g.n(), 1, (n0, n1) -> {
                float[] col = g.isPointwise() ? null : new float[g.patch() * plane];
                for (int n = n0; n < n1; n++) {
                    convolveSample(g, xd, wd, y, n, col);
                    for (int oc = 0; oc < g.o(); oc++) {
                        epilogue(y, (n * g.o() + oc) * plane, plane, oc, bias, act, slopes);
                    }
                }
            });
        }
        return Tensor.of(y, g.outputShape());
    }

    // y[n, group] = weight[group] [oPerGroup, patch] x col [patch, ho*wo]
    private static void convolveSample(Conv2dGeometry g, float[] x, float[] w, float[] y, int n, float[] col) {
        int cols = g.ho() * g.wo();
        int patch = g.patch();
        int og = g.oPerGroup();
        for (int grp = 0; grp < g.groups(); grp++) {
            int xOff = (n * g.c() + grp * g.cPerGroup()) * g.h() * g.w();
            float[] b = x;
            int bOff = xOff;
            if (col != null) {
                Im2Col.im2col(g, x, xOff, col);
                b = col;
                bOff = 0;
            }
            int yOff = (n * g.o() + grp * og) * cols;
            Gemm.sgemm(false, false, og, cols, patch, w, grp * og * patch, patch, b, bOff, cols, 0f, y, yOff, cols);
        }
    }

    // y[off, off + len) = act(y + bias[oc]) with output channel oc's slope
    static void epilogue(float[] y, int off, int len, int oc, float[] bias, Activation act, float[] slopes) {
        float b = bias[oc];
        float slope = act == Activation.PRELU ? slopes[slopes.length == 1 ? 0 : oc] : 0f;
        int i = 0;
        if (Gemm.VECTOR) {
            FloatVector zero = FloatVector.zero(S);
            for (int end = len - L + 1; i < end; i += L) {
                FloatVector v = FloatVector.fromArray(S, y, off + i).add(b);
                if (act != Activation.IDENTITY) {
                    VectorMask<Float> positive = v.compare(VectorOperators.GT, 0f);
                    v = (act == Activation.RELU ? zero : v.mul(slope)).blend(v, positive);
                }
                v.intoArray(y, off + i);
            }
        }
        for (; i < len; i++) {
            float v = y[off + i] + b;
            y[off + i] = switch (act) {
                case IDENTITY -> v;
                case RELU -> v > 0f ? v : 0f;
                case PRELU -> v > 0f ? v : v * slope;
            };
        }
    }
}
