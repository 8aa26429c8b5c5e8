package vigil.tensor.nn;

import vigil.tensor.Tensor;
import vigil.tensor.ops.Pooling;

/**
 * Adaptive average pooling as torch.nn.AdaptiveAvgPool2d: x [N, C, H, W] -> [N, C, outH, outW]
 * whatever H and W are (AdaptiveAvgPool2d(1) is global average pooling).
 */
public final class AdaptiveAvgPool2d extends Module implements Layer {
    private final int[] outputSize;

    public AdaptiveAvgPool2d(int size) {
        this(size, size);
    }

    public AdaptiveAvgPool2d(int outH, int outW) {
        this.outputSize = PoolArgs.pair("AdaptiveAvgPool2d", "output_size", new int[] {outH, outW});
    }

    @Override
    public Tensor forward(Tensor x) {
        return Pooling.adaptiveAvgPool2d(x, outputSize);
    }
}
