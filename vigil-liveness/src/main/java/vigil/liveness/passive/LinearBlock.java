package vigil.liveness.passive;

import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.init.Rng;
import vigil.tensor.nn.BatchNorm2d;
import vigil.tensor.nn.Conv2d;
import vigil.tensor.nn.FusedConvBnAct;
import vigil.tensor.nn.Layer;
import vigil.tensor.nn.Module;

/**
 * MiniFASNet's Linear_block: a bias-free convolution and batch norm with no activation after them
 * ("linear" as in a MobileNetV2 bottleneck's projection), children named "conv" and "bn".
 * x: [N, in, H, W] -> y: [N, out, Ho, Wo].
 */
final class LinearBlock extends Module implements Layer, KeepsOutput {
    private final Conv2d conv;
    private final BatchNorm2d bn;
    private volatile FusedConvBnAct fused;
    private final ThreadLocal<float[][]> kept = ThreadLocal.withInitial(() -> new float[1][]);

    /** kernel, stride and padding as (h, w) pairs. */
    LinearBlock(int in, int out, int[] kernel, int[] stride, int[] padding, int groups, Rng rng) {
        this.conv = registerModule("conv", new Conv2d(in, out, kernel, stride, padding, new int[] {1, 1}, groups,
                false, rng));
        this.bn = registerModule("bn", new BatchNorm2d(out));
    }

    /** A 1x1 convolution, stride 1, no padding, one group. */
    static LinearBlock pointwise(int in, int out, Rng rng) {
        return new LinearBlock(in, out, new int[] {1, 1}, new int[] {1, 1}, new int[] {0, 0}, 1, rng);
    }

    // Evaluation with no autograd recording runs the batch norm (and activation) folded into the convolution;
    // the fold is redone whenever the layers' values changed since it was made.
    @Override
    public Tensor forward(Tensor x) {
        return forwardAdd(x, null);
    }

    @Override
    public Tensor forwardKeeping(Tensor x) {
        return forwardAdd(x, null, kept.get());
    }

    /** bn(conv(x)) + residual (null: none); in fused evaluation the add runs inside the convolution's epilogue. */
    Tensor forwardAdd(Tensor x, Tensor residual) {
        return forwardAdd(x, residual, null);
    }

    /** As forwardAdd; in fused evaluation with a holder, into its buffer (FusedConvBnAct.forwardAddReusing). */
    Tensor forwardAdd(Tensor x, Tensor residual, float[][] holder) {
        if (isTraining() || Autograd.isGradEnabled()) {
            Tensor y = bn.forward(conv.forward(x));
            return residual == null ? y : residual.add(y);
        }
        FusedConvBnAct f = fused;
        if (f == null || !f.isCurrent()) {
            f = FusedConvBnAct.fold(conv, bn);
            fused = f;
        }
        return holder == null ? f.forwardAdd(x, residual) : f.forwardAddReusing(x, residual, holder);
    }
}
