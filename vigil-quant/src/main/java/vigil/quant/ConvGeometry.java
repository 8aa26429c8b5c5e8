package vigil.quant;

import java.util.Arrays;

/**
 * 2-D convolution attributes as ONNX writes them: strides [sH, sW], pads [top, left, bottom, right],
 * dilations [dH, dW], group count. Depthwise is group == input channels.
 */
public record ConvGeometry(int[] strides, int[] pads, int[] dilations, int groups) {
    public ConvGeometry {
        if (strides.length != 2 || pads.length != 4 || dilations.length != 2 || groups < 1) {
            throw new IllegalArgumentException("ConvGeometry: strides " + Arrays.toString(strides) + ", pads "
                    + Arrays.toString(pads) + ", dilations " + Arrays.toString(dilations) + ", groups " + groups);
        }
        for (int v : strides) {
            if (v < 1) {
                throw new IllegalArgumentException("ConvGeometry: stride " + v);
            }
        }
        for (int v : dilations) {
            if (v < 1) {
                throw new IllegalArgumentException("ConvGeometry: dilation " + v);
            }
        }
        for (int v : pads) {
            if (v < 0) {
                throw new IllegalArgumentException("ConvGeometry: pad " + v);
            }
        }
        strides = strides.clone();
        pads = pads.clone();
        dilations = dilations.clone();
    }

    public static ConvGeometry unit() {
        return new ConvGeometry(new int[] {1, 1}, new int[4], new int[] {1, 1}, 1);
    }

    public int outputSize(int input, int kernel, int axis) {
        int span = dilations[axis] * (kernel - 1) + 1;
        int padded = input + pads[axis] + pads[axis + 2];
        if (padded < span) {
            throw new IllegalArgumentException("ConvGeometry: kernel span " + span + " exceeds padded input " + padded);
        }
        return (padded - span) / strides[axis] + 1;
    }
}
