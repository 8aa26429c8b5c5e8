package vigil.tensor.ops;

import java.util.Arrays;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;

/**
 * 2-D max, average and adaptive-average pooling over x: [N, C, H, W] -> y: [N, C, Ho, Wo], with
 * PyTorch's window arithmetic (aten/native/Pool.h, AvgPoolKernel, AdaptiveAvgPoolKernel).
 *
 * <p>A pooling window is a rectangle, the product of one interval along H and one along W, and
 * every interval depends only on its output index; so each op first computes the intervals per axis
 * ({@link AxisWindows}) and the kernels below only walk rectangles. All planes (n, c) of the batch
 * are pooled in one call.
 */
public final class Pooling {
    private Pooling() {
    }

    /**
     * Max pooling; padding counts as -inf, so a window's max always comes from the input. The
     * gradient goes to the first position holding the window's max (row-major within the window,
     * as PyTorch's strict {@code val > max} scan picks it); a NaN wins its window (the last
     * NaN, as PyTorch's scan has it).
     *
     * @param stride null means the kernel size (PyTorch's default)
     */
    public static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, boolean ceilMode) {
        int[] s = checkInput("max_pool2d", x);
        int[] st = strideOrKernel(stride, kernel);
        AxisWindows rows = AxisWindows.strided("max_pool2d", s[2], kernel[0], st[0], padding[0], ceilMode);
        AxisWindows cols = AxisWindows.strided("max_pool2d", s[3], kernel[1], st[1], padding[1], ceilMode);
        int planes = s[0] * s[1];
        int h = s[2];
        int w = s[3];
        int ho = rows.count();
        int wo = cols.count();
        float[] in = x.data();
        float[] y = new float[planes * ho * wo];
        // argmax[o]: flat index into x (whole batch) of the element that output o copied.
        int[] argmax = new int[y.length];
        for (int p = 0; p < planes; p++) {
            int base = p * h * w;
            int o = p * ho * wo;
            for (int oh = 0; oh < ho; oh++) {
                int h0 = rows.start[oh];
                int h1 = rows.end[oh];
                for (int ow = 0; ow < wo; ow++, o++) {
                    int w0 = cols.start[ow];
                    int w1 = cols.end[ow];
                    int best = base + h0 * w + w0;
                    float max = Float.NEGATIVE_INFINITY;
                    for (int ih = h0; ih < h1; ih++) {
                        int row = base + ih * w;
                        for (int iw = w0; iw < w1; iw++) {
                            float v = in[row + iw];
                            if (v > max || Float.isNaN(v)) {
                                max = v;
                                best = row + iw;
                            }
                        }
                    }
                    y[o] = max;
                    argmax[o] = best;
                }
            }
        }
        return Autograd.record("max_pool2d", Tensor.of(y, s[0], s[1], ho, wo), g -> {
            float[] gx = new float[in.length];
            for (int i = 0; i < g.length; i++) {
                gx[argmax[i]] += g[i];
            }
            x.accumulateGrad(gx);
        }, x);
    }

    /**
     * Average pooling. The divisor follows PyTorch: with countIncludePad, the window clipped to the
     * padded input (so a ceil_mode window hanging past the padding counts only its part inside it);
     * without, the number of input elements in the window. A window with no input element gives 0.
     *
     * @param stride null means the kernel size (PyTorch's default)
     */
    public static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, boolean ceilMode,
                                   boolean countIncludePad) {
        int[] s = checkInput("avg_pool2d", x);
        int[] st = strideOrKernel(stride, kernel);
        AxisWindows rows = AxisWindows.strided("avg_pool2d", s[2], kernel[0], st[0], padding[0], ceilMode);
        AxisWindows cols = AxisWindows.strided("avg_pool2d", s[3], kernel[1], st[1], padding[1], ceilMode);
        int ho = rows.count();
        int wo = cols.count();
        // weight[oh * wo + ow]: 1 / divisor of that window, shared by every plane.
        float[] weight = new float[ho * wo];
        for (int oh = 0; oh < ho; oh++) {
            for (int ow = 0; ow < wo; ow++) {
                int inside = rows.length(oh) * cols.length(ow);
                int divisor = countIncludePad ? rows.paddedLength[oh] * cols.paddedLength[ow] : inside;
                weight[oh * wo + ow] = inside == 0 ? 0f : 1f / divisor;
            }
        }
        return averageOverWindows("avg_pool2d", x, s, rows, cols, weight);
    }

    /**
     * Adaptive average pooling to outputSize (Ho, Wo): output i along an axis of length L averages
     * [floor(i * L / out), ceil((i + 1) * L / out)), so windows may overlap or differ in size.
     */
    public static Tensor adaptiveAvgPool2d(Tensor x, int[] outputSize) {
        int[] s = checkInput("adaptive_avg_pool2d", x);
        if (outputSize.length != 2 || outputSize[0] <= 0 || outputSize[1] <= 0) {
            throw new IllegalArgumentException("adaptive_avg_pool2d: output size " + Arrays.toString(outputSize)
                    + " must be two positive sizes (input " + Shape.str(s) + ")");
        }
        AxisWindows rows = AxisWindows.adaptive(s[2], outputSize[0]);
        AxisWindows cols = AxisWindows.adaptive(s[3], outputSize[1]);
        int wo = outputSize[1];
        float[] weight = new float[outputSize[0] * wo];
        for (int oh = 0; oh < outputSize[0]; oh++) {
            for (int ow = 0; ow < wo; ow++) {
                weight[oh * wo + ow] = 1f / (rows.length(oh) * cols.length(ow));
            }
        }
        return averageOverWindows("adaptive_avg_pool2d", x, s, rows, cols, weight);
    }

    /**
     * y[p, oh, ow] = weight[oh, ow] * sum of x[p] over the window (rows[oh], cols[ow]); the backward
     * spreads g * weight evenly over the same window.
     */
    private static Tensor averageOverWindows(String op, Tensor x, int[] s, AxisWindows rows, AxisWindows cols,
                                             float[] weight) {
        int planes = s[0] * s[1];
        int h = s[2];
        int w = s[3];
        int ho = rows.count();
        int wo = cols.count();
        float[] in = x.data();
        float[] y = new float[planes * ho * wo];
        for (int p = 0; p < planes; p++) {
            int base = p * h * w;
            int o = p * ho * wo;
            for (int oh = 0; oh < ho; oh++) {
                for (int ow = 0; ow < wo; ow++, o++) {
                    double sum = 0;
                    for (int ih = rows.start[oh]; ih < rows.end[oh]; ih++) {
                        int row = base + ih * w;
                        for (int iw = cols.start[ow]; iw < cols.end[ow]; iw++) {
                            sum += in[row + iw];
                        }
                    }
                    y[o] = (float) (sum * weight[oh * wo + ow]);
                }
            }
        }
        return Autograd.record(op, Tensor.of(y, s[0], s[1], ho, wo), g -> {
            float[] gx = new float[in.length];
            for (int p = 0; p < planes; p++) {
                int base = p * h * w;
                int o = p * ho * wo;
                for (int oh = 0; oh < ho; oh++) {
                    for (int ow = 0; ow < wo; ow++, o++) {
                        float share = g[o] * weight[oh * wo + ow];
                        for (int ih = rows.start[oh]; ih < rows.end[oh]; ih++) {
                            int row = base + ih * w;
                            for (int iw = cols.start[ow]; iw < cols.end[ow]; iw++) {
                                gx[row + iw] += share;
                            }
                        }
                    }
                }
            }
            x.accumulateGrad(gx);
        }, x);
    }

    /**
     * PyTorch's pooled length: floor((L + 2 pad - k) / stride) + 1, or with ceilMode the ceiling,
     * less one when the last window would start at or past L + pad (the end of input and left padding).
     */
    public static int outputLength(int length, int kernel, int stride, int pad, boolean ceilMode) {
        int span = length + 2 * pad - kernel + (ceilMode ? stride - 1 : 0);
        int out = Math.floorDiv(span, stride) + 1;
        if (ceilMode && (out - 1) * stride >= length + pad) {
            out--;
        }
        return out;
    }

    private static int[] checkInput(String op, Tensor x) {
        int[] s = x.shape();
        if (s.length != 4) {
            throw new ShapeException(op + ": expected x [N, C, H, W], got " + Shape.str(s));
        }
        return s;
    }

    private static int[] strideOrKernel(int[] stride, int[] kernel) {
        return stride == null || stride.length == 0 ? kernel : stride;
    }

    /**
     * The windows along one axis: output i reads input [start[i], end[i]) (already clipped to the
     * input); paddedLength[i] is the window clipped to the padded input instead (avg_pool's divisor
     * with count_include_pad).
     */
    private record AxisWindows(int[] start, int[] end, int[] paddedLength) {
        int count() {
            return start.length;
        }

        int length(int i) {
            return Math.max(0, end[i] - start[i]);
        }

        static AxisWindows strided(String op, int length, int kernel, int stride, int pad, boolean ceilMode) {
            if (kernel <= 0 || stride <= 0 || pad < 0 || pad > kernel / 2) {
                throw new IllegalArgumentException(op + ": kernel " + kernel + ", stride " + stride + ", padding "
                        + pad + " (need kernel, stride > 0 and 0 <= padding <= kernel / 2)");
            }
            int out = outputLength(length, kernel, stride, pad, ceilMode);
            if (out <= 0) {
                throw new ShapeException(op + ": input length " + length + " with kernel " + kernel + ", padding "
                        + pad + " gives an empty output");
            }
            int[] start = new int[out];
            int[] end = new int[out];
            int[] padded = new int[out];
            for (int i = 0; i < out; i++) {
                int s = i * stride - pad;
                int e = Math.min(s + kernel, length + pad);
                padded[i] = e - s;
                start[i] = Math.max(s, 0);
                end[i] = Math.min(e, length);
            }
            return new AxisWindows(start, end, padded);
        }

        static AxisWindows adaptive(int length, int out) {
            int[] start = new int[out];
            int[] end = new int[out];
            for (int i = 0; i < out; i++) {
                start[i] = (int) ((long) i * length / out);
                end[i] = (int) (((long) (i + 1) * length + out - 1) / out);
            }
            return new AxisWindows(start, end, null);
        }
    }
}
