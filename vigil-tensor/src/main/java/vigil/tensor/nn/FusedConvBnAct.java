package vigil.tensor.nn;

import java.util.Arrays;
import vigil.tensor.Tensor;
import vigil.tensor.ops.Conv2dGeometry;
import vigil.tensor.ops.FusedConv2dOp;
import vigil.tensor.ops.FusedConv2dOp.Activation;

/**
 * The inference form of Conv2d -> BatchNorm (evaluation, running statistics) -> optional PReLU or ReLU:
 * one convolution with the batch norm folded in, its bias and activation applied in the same pass.
 * Per output channel o, with scale = gamma / sqrt(running_var + eps) (in double):
 * weight'[o] = weight[o] * scale, bias'[o] = (bias[o] - running_mean) * scale + beta.
 *
 * <p>It differs from the unfused chain only by float reassociation: the scale multiplies each weight
 * before the sum instead of the sum after it, so an output differs by at most a few ulps of the sum of
 * |weight' * x| over its taps (FusedConvBnActTest states and checks the bound).
 *
 * <p>A fold is a snapshot: it keeps a copy of the values it was folded from, and {@link #isCurrent}
 * tells whether the source layers still hold them (after an optimizer step or a loaded state dict they
 * do not, and the fold must be redone). Inference only: the output records no gradients.
 * x: [N, in, H, W] -> y: [N, out, Ho, Wo].
 */
public final class FusedConvBnAct implements Layer {
    /** The largest output (in floats, 4 MiB) {@link #forwardReusing} writes into a kept buffer. */
    public static final int REUSED_MAX = 1 << 20;

    private final Conv2d conv;
    private final BatchNorm bn;
    private final PReLU prelu;
    private final Activation act;
    private final float[] foldedFrom;
    private final Tensor weight;
    private final float[] bias;
    private final float[] slopes;
    // the convolution's shape arguments, copied once: its accessors clone them on every call
    private final int[] weightShape;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;

    private FusedConvBnAct(Conv2d conv, BatchNorm bn, PReLU prelu, Activation act) {
        this.conv = conv;
        this.bn = bn;
        this.prelu = prelu;
        this.act = act;
        this.foldedFrom = sources();
        this.slopes = prelu == null ? null : prelu.weight().data().clone();
        float[] w = conv.weight().data();
        int out = conv.weight().dim(0);
        int perChannel = w.length / out;
        float[] mean = bn.runningMean().data();
        float[] var = bn.runningVar().data();
        float[] gamma = bn.weight() == null ? null : bn.weight().data();
        float[] beta = bn.bias() == null ? null : bn.bias().data();
        float[] convBias = conv.bias() == null ? null : conv.bias().data();
        float[] folded = new float[w.length];
        this.bias = new float[out];
        for (int o = 0; o < out; o++) {
            double scale = (gamma == null ? 1.0 : gamma[o]) / Math.sqrt(var[o] + bn.eps());
            for (int i = o * perChannel; i < (o + 1) * perChannel; i++) {
                folded[i] = (float) (w[i] * scale);
            }
            double shift = (beta == null ? 0.0 : beta[o]) - mean[o] * scale;
            bias[o] = (float) ((convBias == null ? 0.0 : convBias[o]) * scale + shift);
        }
        this.weight = Tensor.of(folded, conv.weight().shape());
        this.weightShape = weight.shape();
        this.stride = conv.stride();
        this.padding = conv.padding();
        this.dilation = conv.dilation();
    }

    /** Conv2d then BatchNorm2d, no activation (a linear block). */
    public static FusedConvBnAct fold(Conv2d conv, BatchNorm2d bn) {
        return new FusedConvBnAct(conv, bn, null, Activation.IDENTITY);
    }

    /** Conv2d, BatchNorm2d, then a PReLU with 1 or out-channels slopes. */
    public static FusedConvBnAct fold(Conv2d conv, BatchNorm2d bn, PReLU prelu) {
        return new FusedConvBnAct(conv, bn, prelu, Activation.PRELU);
    }

    /** Conv2d, BatchNorm2d, then ReLU. */
    public static FusedConvBnAct foldWithRelu(Conv2d conv, BatchNorm2d bn) {
        return new FusedConvBnAct(conv, bn, null, Activation.RELU);
    }

    /** True while the source layers hold exactly the values this fold was made from (compared bitwise). */
    public boolean isCurrent() {
        int at = 0;
        for (Tensor t : sourceTensors()) {
            if (t != null) {
                int len = t.numel();
                if (!Arrays.equals(foldedFrom, at, at + len, t.data(), 0, len)) {
                    return false;
                }
                at += len;
            }
        }
        return true;
    }

    /** The folded weight [out, in/groups, kh, kw]. */
    public Tensor weight() {
        return weight;
    }

    /** The folded bias [out] (a copy). */
    public float[] bias() {
        return bias.clone();
    }

    @Override
    public Tensor forward(Tensor x) {
        return forwardAdd(x, null);
    }

    /**
     * act(conv(x) + bias) + residual, the residual (of the output's shape, or null for none) added while each
     * output tile is in cache: a residual block's skip connection without a pass of its own.
     */
    public Tensor forwardAdd(Tensor x, Tensor residual) {
        return FusedConv2dOp.forward(geometry(x.shape()), x, weight, bias, act, slopes, residual);
    }

    /**
     * As {@link #forward}, written into the caller's scratch buffer holder[0] when the output has at most
     * {@link #REUSED_MAX} elements (holder[0] is replaced when its size does not match). For an intermediate
     * result the caller consumes before its next call with the same holder; larger outputs are allocated,
     * since keeping them would hold memory a batch needs only briefly.
     */
    public Tensor forwardReusing(Tensor x, float[][] holder) {
        return forwardAddReusing(x, null, holder);
    }

    /** {@link #forwardAdd} written into holder[0] as {@link #forwardReusing} does. */
    public Tensor forwardAddReusing(Tensor x, Tensor residual, float[][] holder) {
        Conv2dGeometry g = geometry(x.shape());
        int size = g.n() * g.o() * g.ho() * g.wo();
        float[] out = null;
        if (size <= REUSED_MAX) {
            out = holder[0];
            if (out == null || out.length != size) {
                out = new float[size];
                holder[0] = out;
            }
        }
        return FusedConv2dOp.forwardInto(g, x, weight, bias, act, slopes, residual, out);
    }

    private Conv2dGeometry geometry(int[] xShape) {
        return Conv2dGeometry.of(xShape, weightShape, stride, padding, dilation, conv.groups());
    }

    // every tensor the fold depends on, in a fixed order (null where a layer has none)
    private Tensor[] sourceTensors() {
        return new Tensor[] {conv.weight(), conv.bias(), bn.weight(), bn.bias(), bn.runningMean(), bn.runningVar(),
                prelu == null ? null : prelu.weight()};
    }

    private float[] sources() {
        Tensor[] parts = sourceTensors();
        int total = 0;
        for (Tensor t : parts) {
            total += t == null ? 0 : t.numel();
        }
        float[] all = new float[total];
        int at = 0;
        for (Tensor t : parts) {
            if (t != null) {
                System.arraycopy(t.data(), 0, all, at, t.numel());
                at += t.numel();
            }
        }
        return all;
    }
}
