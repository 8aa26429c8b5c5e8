package vigil.liveness.model;

import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;
import vigil.tensor.nn.BatchNorm2d;
import vigil.tensor.nn.Conv2d;
import vigil.tensor.nn.Layer;
import vigil.tensor.nn.Module;
import vigil.tensor.nn.ReLU6;
import vigil.tensor.nn.Sequential;

/**
 * MobileNetV2's inverted residual (Sandler et al. 2018): 1x1 expansion to in * expansion channels
 * with batch norm and ReLU6 (left out when expansion is 1), 3x3 depthwise convolution of the given
 * stride with batch norm and ReLU6, then a linear 1x1 projection with batch norm; the input is added
 * back exactly when the block keeps both width and size (stride 1 and in == out).
 * x: [N, in, H, W] -> [N, out, ceil(H / stride), ceil(W / stride)].
 */
final class InvertedResidual extends Module implements Layer {
    private final Sequential expand;
    private final Sequential depthwise;
    private final Sequential project;
    private final boolean residual;

    InvertedResidual(int in, int out, int stride, int expansion, Rng rng) {
        if (stride != 1 && stride != 2) {
            throw new IllegalArgumentException("InvertedResidual: stride must be 1 or 2, got " + stride);
        }
        int hidden = in * expansion;
        this.expand = expansion == 1 ? null : registerModule("expand", convBn(in, hidden, 1, 1, 1, true, rng));
        this.depthwise = registerModule("depthwise", convBn(hidden, hidden, 3, stride, hidden, true, rng));
        this.project = registerModule("project", convBn(hidden, out, 1, 1, 1, false, rng));
        this.residual = stride == 1 && in == out;
    }

    /** Conv (no bias, padding k / 2) + batch norm (+ ReLU6), named "0", "1", "2". */
    static Sequential convBn(int in, int out, int kernel, int stride, int groups, boolean relu6, Rng rng) {
        Sequential s = new Sequential(new Conv2d(in, out, kernel, stride, kernel / 2, 1, groups, false, rng),
                new BatchNorm2d(out));
        return relu6 ? s.add(new ReLU6()) : s;
    }

    boolean residual() {
        return residual;
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h = expand == null ? x : expand.forward(x);
        Tensor y = project.forward(depthwise.forward(h));
        return residual ? x.add(y) : y;
    }
}
