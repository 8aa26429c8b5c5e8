package vigil.liveness.passive;

import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.init.Rng;
import vigil.tensor.nn.BatchNorm2d;
import vigil.tensor.nn.BatchNormPReLU;
import vigil.tensor.nn.Conv2d;
import vigil.tensor.nn.FusedConvBnAct;
import vigil.tensor.nn.Layer;
import vigil.tensor.nn.Module;
import vigil.tensor.nn.PReLU;

/**
 * MiniFASNet's Conv_block: a bias-free convolution, batch norm and a per-channel PReLU, with the
 * children named "conv", "bn", "prelu" as in the pretrained checkpoints.
 * x: [N, in, H, W] -> y: [N, out, Ho, Wo].
 */
final class ConvBlock extends Module implements Layer, KeepsOutput {
    private final Conv2d conv;
    private final BatchNorm2d bn;
    private final PReLU prelu;
    private volatile FusedConvBnAct fused;
    private final ThreadLocal<float[][]> kept = ThreadLocal.withInitial(() -> new float[1][]);

    /** kernel, stride and padding as (h, w) pairs. */
    ConvBlock(int in, int out, int[] kernel, int[] stride, int[] padding, int groups, Rng rng) {
        this.conv = registerModule("conv", new Conv2d(in, out, kernel, stride, padding, new int[] {1, 1}, groups,
                false, rng));
        this.bn = registerModule("bn", new BatchNorm2d(out));
        this.prelu = registerModule("prelu", new PReLU(out));
    }

    /** A 1x1 convolution, stride 1, no padding, one group. */
    static ConvBlock pointwise(int in, int out, Rng rng) {
        return new ConvBlock(in, out, new int[] {1, 1}, new int[] {1, 1}, new int[] {0, 0}, 1, rng);
    }

    // Evaluation with no autograd recording runs the batch norm (and activation) folded into the convolution;
    // the fold is redone whenever the layers' values changed since it was made.
    @Override
    public Tensor forward(Tensor x) {
        return forwardReusing(x, null);
    }

    @Override
    public Tensor forwardKeeping(Tensor x) {
        return forwardReusing(x, kept.get());
    }

    /**
     * As forward; in fused evaluation with a holder, the output goes into the holder's buffer
     * (FusedConvBnAct.forwardReusing): for an intermediate the caller consumes before reusing the holder.
     */
    Tensor forwardReusing(Tensor x, float[][] holder) {
        if (isTraining() || Autograd.isGradEnabled()) {
            // one fused op, bit-identical to prelu(bn(conv(x))) with one activation buffer fewer
            return BatchNormPReLU.forward(bn, prelu, conv.forward(x));
        }
        FusedConvBnAct f = fused;
        if (f == null || !f.isCurrent()) {
            f = FusedConvBnAct.fold(conv, bn, prelu);
            fused = f;
        }
        return holder == null ? f.forward(x) : f.forwardReusing(x, holder);
    }
}
