package vigil.face.tfjs;

import vigil.tensor.Tensor;
import vigil.tensor.ops.Conv2dOp;
import vigil.tensor.ops.Pooling;

/**
 * TensorFlow's layer semantics on Vigil's NCHW tensors, for running TF.js models: filters converted
 * from TF's layouts, and TF's "same" padding, which puts the odd pixel after (bottom/right), where
 * PyTorch-style symmetric padding cannot. Inference only: call under {@code Autograd.noGrad()}.
 */
public final class TfLayers {
    private static final int[] ONE = {1, 1};

    private TfLayers() {
    }

    /** TF conv filter [kh, kw, in, out] -> Vigil [out, in, kh, kw]. */
    public static Tensor convFilter(float[] hwio, int kh, int kw, int in, int out) {
        float[] w = new float[hwio.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int i = 0; i < in; i++) {
                    for (int o = 0; o < out; o++) {
                        w[((o * in + i) * kh + y) * kw + x] = hwio[((y * kw + x) * in + i) * out + o];
                    }
                }
            }
        }
        return Tensor.of(w, out, in, kh, kw);
    }

    /** TF depthwise filter [kh, kw, c, 1] -> Vigil [c, 1, kh, kw] (multiplier 1). */
    public static Tensor depthwiseFilter(float[] hwc1, int kh, int kw, int c) {
        // [1, c, kh, kw] and [c, 1, kh, kw] share one memory layout.
        return Tensor.of(convFilter(hwc1, kh, kw, c, 1).data(), c, 1, kh, kw);
    }

    /** tf.separableConv2d (depthwise then pointwise, no bias between) plus the bias. */
    public static Tensor separableConv2d(Tensor x, Tensor depthwise, Tensor pointwise, Tensor bias, int stride,
                                         boolean same) {
        Tensor d = conv2d(x, depthwise, null, stride, same, x.dim(1));
        return Conv2dOp.conv2d(d, pointwise, bias, ONE, new int[] {0, 0}, ONE, 1);
    }

    /**
     * tf.conv2d / depthwiseConv2d with padding "same" or "valid"; groups == channels means depthwise.
     * x: [n, c, h, w], filter: [o, c/groups, kh, kw], bias: [o] or null.
     */
    public static Tensor conv2d(Tensor x, Tensor filter, Tensor bias, int stride, boolean same, int groups) {
        int kh = filter.dim(2);
        int kw = filter.dim(3);
        if (!same) {
            return Conv2dOp.conv2d(x, filter, bias, new int[] {stride, stride}, new int[] {0, 0}, ONE, groups);
        }
        int[] ph = samePadding(x.dim(2), kh, stride);
        int[] pw = samePadding(x.dim(3), kw, stride);
        if (ph[0] == ph[1] && pw[0] == pw[1]) {
            return Conv2dOp.conv2d(x, filter, bias, new int[] {stride, stride}, new int[] {ph[0], pw[0]}, ONE, groups);
        }
        Tensor padded = pad(x, ph[0], ph[1], pw[0], pw[1]);
        return Conv2dOp.conv2d(padded, filter, bias, new int[] {stride, stride}, new int[] {0, 0}, ONE, groups);
    }

    /** TF "same": out = ceil(in / stride); the total padding, odd pixel after. Returns {before, after}. */
    public static int[] samePadding(int in, int kernel, int stride) {
        int out = (in + stride - 1) / stride;
        int total = Math.max((out - 1) * stride + kernel - in, 0);
        return new int[] {total / 2, total - total / 2};
    }

    /** Zero padding of an NCHW tensor. */
    public static Tensor pad(Tensor x, int top, int bottom, int left, int right) {
        int n = x.dim(0);
        int c = x.dim(1);
        int h = x.dim(2);
        int w = x.dim(3);
        int ho = h + top + bottom;
        int wo = w + left + right;
        float[] src = x.data();
        float[] dst = new float[n * c * ho * wo];
        for (int plane = 0; plane < n * c; plane++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(src, (plane * h + y) * w, dst, (plane * ho + y + top) * wo + left, w);
            }
        }
        return Tensor.of(dst, n, c, ho, wo);
    }

    /** tf.maxPool with padding "same": padded cells never win (TF pads with -infinity). */
    public static Tensor maxPoolSame(Tensor x, int kernel, int stride) {
        int n = x.dim(0);
        int c = x.dim(1);
        int h = x.dim(2);
        int w = x.dim(3);
        int[] ph = samePadding(h, kernel, stride);
        int[] pw = samePadding(w, kernel, stride);
        int ho = (h + stride - 1) / stride;
        int wo = (w + stride - 1) / stride;
        float[] src = x.data();
        float[] dst = new float[n * c * ho * wo];
        for (int plane = 0; plane < n * c; plane++) {
            int in = plane * h * w;
            int out = plane * ho * wo;
            for (int oy = 0; oy < ho; oy++) {
                int y0 = Math.max(oy * stride - ph[0], 0);
                int y1 = Math.min(oy * stride - ph[0] + kernel, h);
                for (int ox = 0; ox < wo; ox++) {
                    int x0 = Math.max(ox * stride - pw[0], 0);
                    int x1 = Math.min(ox * stride - pw[0] + kernel, w);
                    float m = Float.NEGATIVE_INFINITY;
                    for (int y = y0; y < y1; y++) {
                        for (int xx = x0; xx < x1; xx++) {
                            m = Math.max(m, src[in + y * w + xx]);
                        }
                    }
                    dst[out + oy * wo + ox] = m;
                }
            }
        }
        return Tensor.of(dst, n, c, ho, wo);
    }

    /** tf.avgPool with padding "valid". */
    public static Tensor avgPoolValid(Tensor x, int kernel, int stride) {
        return Pooling.avgPool2d(x, new int[] {kernel, kernel}, new int[] {stride, stride}, new int[] {0, 0},
                false, true);
    }
}
