package vigil.tensor.nn;

import vigil.tensor.Tensor;
import vigil.tensor.ops.Pooling;

/**
 * Average pooling as torch.nn.AvgPool2d: x [N, C, H, W] -> [N, C, Ho, Wo]. Stride defaults to the
 * kernel size, count_include_pad to true; kernel, stride and padding are (height, width) pairs.
 */
public final class AvgPool2d extends Module implements Layer {
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final boolean ceilMode;
    private final boolean countIncludePad;

    public AvgPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    public AvgPool2d(int kernel, int stride, int padding) {
        this(kernel, stride, padding, false, true);
    }

    public AvgPool2d(int kernel, int stride, int padding, boolean ceilMode, boolean countIncludePad) {
        this(new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {padding, padding}, ceilMode,
                countIncludePad);
    }

    public AvgPool2d(int[] kernel, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad) {
        this.kernel = PoolArgs.pair("AvgPool2d", "kernel_size", kernel);
        this.stride = PoolArgs.pair("AvgPool2d", "stride", stride);
        this.padding = PoolArgs.pair("AvgPool2d", "padding", padding);
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Pooling.avgPool2d(x, kernel, stride, padding, ceilMode, countIncludePad);
    }
}
