package vigil.tensor.nn;

import vigil.tensor.Tensor;
import vigil.tensor.ops.Pooling;

/**
 * Max pooling as torch.nn.MaxPool2d: x [N, C, H, W] -> [N, C, Ho, Wo]. Stride defaults to the
 * kernel size; kernel, stride and padding are (height, width) pairs.
 */
public final class MaxPool2d extends Module implements Layer {
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final boolean ceilMode;

    public MaxPool2d(int kernel) {
        this(kernel, kernel, 0, false);
    }

    public MaxPool2d(int kernel, int stride, int padding) {
        this(kernel, stride, padding, false);
    }

    public MaxPool2d(int kernel, int stride, int padding, boolean ceilMode) {
        this(new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding}, ceilMode);
    }

    public MaxPool2d(int[] kernel, int[] stride, int[] padding, boolean ceilMode) {
        this.kernel = PoolArgs.pair("MaxPool2d", "kernel_size", kernel);
        this.stride = PoolArgs.pair("MaxPool2d", "stride", stride);
        this.padding = PoolArgs.pair("MaxPool2d", "padding", padding);
        this.ceilMode = ceilMode;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Pooling.maxPool2d(x, kernel, stride, padding, ceilMode);
    }
}
