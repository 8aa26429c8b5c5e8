package vigil.tensor.nn;

import vigil.tensor.Tensor;
import vigil.tensor.init.Init;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.Conv2dOp;

/**
 * torch.nn.Conv2d: parameters "weight" [out, in/groups, kh, kw] and "bias" [out] (if enabled), with
 * PyTorch's default init: kaiming_uniform(a = sqrt(5)) for the weight, U(-1/sqrt(fan_in),
 * 1/sqrt(fan_in)) for the bias. x: [N, in, H, W] -> y: [N, out, Ho, Wo].
 */
public final class Conv2d extends Module implements Layer {
    private final Tensor weight;
    private final Tensor bias;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;
    private final int groups;

    /** kernel, stride, padding and dilation as (h, w) pairs. */
    public Conv2d(int in, int out, int[] kernel, int[] stride, int[] padding, int[] dilation, int groups,
                  boolean bias, Rng rng) {
        if (groups < 1 || in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException("Conv2d(" + in + ", " + out + "): groups " + groups
                    + " must divide in and out channels");
        }
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.dilation = dilation.clone();
        this.groups = groups;
        this.weight = registerParameter("weight", Tensor.zeros(out, in / groups, kernel[0], kernel[1]));
        Init.kaimingUniform(weight, Math.sqrt(5), rng);
        if (bias) {
            float bound = (float) (1.0 / Math.sqrt(Init.fanIn(weight.shape())));
            this.bias = registerParameter("bias", Init.uniform(Tensor.zeros(out), -bound, bound, rng));
        } else {
            this.bias = null;
        }
    }

    /** A square kernel with the same stride, padding and dilation along both axes. */
    public Conv2d(int in, int out, int kernel, int stride, int padding, int dilation, int groups, boolean bias,
                  Rng rng) {
        this(in, out, pair(kernel), pair(stride), pair(padding), pair(dilation), groups, bias, rng);
    }

    /** Stride 1, no padding, no dilation, one group, with bias. */
    public Conv2d(int in, int out, int kernel, Rng rng) {
        this(in, out, kernel, 1, 0, 1, 1, true, rng);
    }

    @Override
    public Tensor forward(Tensor x) {
        return Conv2dOp.conv2d(x, weight, bias, stride, padding, dilation, groups);
    }

    public Tensor weight() {
        return weight;
    }

    /** The bias, or null when the layer has none. */
    public Tensor bias() {
        return bias;
    }

    /** (h, w) pairs; copies. */
    public int[] stride() {
        return stride.clone();
    }

    public int[] padding() {
        return padding.clone();
    }

    public int[] dilation() {
        return dilation.clone();
    }

    public int groups() {
        return groups;
    }

    private static int[] pair(int v) {
        return new int[] {v, v};
    }
}
