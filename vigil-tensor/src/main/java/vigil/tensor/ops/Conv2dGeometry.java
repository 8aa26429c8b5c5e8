package vigil.tensor.ops;

import vigil.tensor.Shape;
import vigil.tensor.ShapeException;

/**
 * The sizes of one 2-D convolution, checked once: x [n, c, h, w], weight [o, c/groups, kh, kw],
 * y [n, o, ho, wo] with ho = (h + 2*ph - dh*(kh-1) - 1) / sh + 1 (likewise wo), as PyTorch computes it.
 */
public record Conv2dGeometry(int n, int c, int h, int w, int o, int groups, int kh, int kw,
                             int sh, int sw, int ph, int pw, int dh, int dw, int ho, int wo) {

    public static Conv2dGeometry of(int[] xShape, int[] wShape, int[] stride, int[] padding, int[] dilation,
                                    int groups) {
        if (xShape.length != 4 || wShape.length != 4) {
            throw new ShapeException(where(xShape, wShape)
                    + ": both must have rank 4 (NCHW and [O, C/groups, kh, kw])");
        }
        if (stride.length != 2 || padding.length != 2 || dilation.length != 2) {
            throw new ShapeException(where(xShape, wShape) + ": stride, padding and dilation must be (h, w) pairs");
        }
        if (groups < 1 || xShape[1] % groups != 0 || wShape[0] % groups != 0) {
            throw new ShapeException(where(xShape, wShape) + ": groups " + groups + " must divide in and out channels");
        }
        if (wShape[1] * groups != xShape[1]) {
            throw new ShapeException(where(xShape, wShape) + ", groups " + groups + ": weight expects "
                    + wShape[1] * groups + " input channels");
        }
        if (stride[0] < 1 || stride[1] < 1 || dilation[0] < 1 || dilation[1] < 1 || padding[0] < 0
                || padding[1] < 0) {
            throw new ShapeException(where(xShape, wShape) + ": stride " + Shape.str(stride) + " and dilation "
                    + Shape.str(dilation) + " must be >= 1, padding " + Shape.str(padding) + " >= 0");
        }
        int kh = wShape[2];
        int kw = wShape[3];
        int ho = (xShape[2] + 2 * padding[0] - dilation[0] * (kh - 1) - 1) / stride[0] + 1;
        int wo = (xShape[3] + 2 * padding[1] - dilation[1] * (kw - 1) - 1) / stride[1] + 1;
        if (xShape[2] + 2 * padding[0] < dilation[0] * (kh - 1) + 1
                || xShape[3] + 2 * padding[1] < dilation[1] * (kw - 1) + 1) {
            throw new ShapeException(where(xShape, wShape) + ": padded input is smaller than the dilated kernel");
        }
        return new Conv2dGeometry(xShape[0], xShape[1], xShape[2], xShape[3], wShape[0], groups, kh, kw,
                stride[0], stride[1], padding[0], padding[1], dilation[0], dilation[1], ho, wo);
    }

    // The error context, built only when a check fails: `of` runs on every convolution call.
    private static String where(int[] xShape, int[] wShape) {
        return "conv2d: input " + Shape.str(xShape) + ", weight " + Shape.str(wShape);
    }

    /** Input channels per group. */
    public int cPerGroup() {
        return c / groups;
    }

    /** Output channels per group. */
    public int oPerGroup() {
        return o / groups;
    }

    /** Rows of a group's column matrix: cPerGroup * kh * kw. */
    public int patch() {
        return cPerGroup() * kh * kw;
    }

    /** 1x1, stride 1, no padding: the input plane already is the column matrix. */
    public boolean isPointwise() {
        return kh == 1 && kw == 1 && sh == 1 && sw == 1 && ph == 0 && pw == 0;
    }

    /** One input channel per group (groups == c), each feeding o/c outputs: the direct kernel applies. */
    public boolean isDepthwise() {
        return groups == c && groups > 1;
    }

    public int[] outputShape() {
        return new int[] {n, o, ho, wo};
    }
}
