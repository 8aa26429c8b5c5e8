package vigil.tensor.reference;

import vigil.tensor.gradcheck.DoubleReference;

/**
 * Double-precision 2-D pooling over x: [N, C, H, W] -> y: [N, C, Ho, Wo], written from PyTorch's
 * definitions: each output reads the kernel positions o * stride - pad + i (i < kernel), the ones
 * outside the input do not count for max and average, and the divisor of avg_pool with
 * count_include_pad counts the positions inside the padded input [-pad, L + pad).
 */
final class PoolReference {
    private PoolReference() {
    }

    /** PyTorch's pooled length: floor (or ceil) of (L + 2 pad - k) / s, plus one; in ceil mode a last
     *  window that would start in the right padding or beyond is dropped. */
    static int pooledLength(int length, int kernel, int stride, int pad, boolean ceilMode) {
        double steps = (double) (length + 2 * pad - kernel) / stride;
        int out = (int) (ceilMode ? Math.ceil(steps) : Math.floor(steps)) + 1;
        if (ceilMode && (out - 1) * stride >= length + pad) {
            out--;
        }
        return out;
    }

    /** Inputs {x}; kernel, stride, pad given as {along H, along W}. */
    static DoubleReference maxPool2d(int n, int c, int h, int w, int[] kernel, int[] stride, int[] pad,
                                     boolean ceilMode) {
        int ho = pooledLength(h, kernel[0], stride[0], pad[0], ceilMode);
        int wo = pooledLength(w, kernel[1], stride[1], pad[1], ceilMode);
        return in -> {
            double[] x = in[0];
            double[] y = new double[n * c * ho * wo];
            for (int p = 0; p < n * c; p++) {
                for (int oh = 0; oh < ho; oh++) {
                    for (int ow = 0; ow < wo; ow++) {
                        double max = Double.NEGATIVE_INFINITY;
                        for (int i = 0; i < kernel[0]; i++) {
                            int ih = oh * stride[0] - pad[0] + i;
                            for (int j = 0; j < kernel[1]; j++) {
                                int iw = ow * stride[1] - pad[1] + j;
                                if (ih >= 0 && ih < h && iw >= 0 && iw < w) {
                                    max = Math.max(max, x[(p * h + ih) * w + iw]);
                                }
                            }
                        }
                        y[(p * ho + oh) * wo + ow] = max;
                    }
                }
            }
            return new double[][] {y};
        };
    }

    /** Inputs {x}; a window without any input element averages to 0. */
    static DoubleReference avgPool2d(int n, int c, int h, int w, int[] kernel, int[] stride, int[] pad,
                                     boolean ceilMode, boolean countIncludePad) {
        int ho = pooledLength(h, kernel[0], stride[0], pad[0], ceilMode);
        int wo = pooledLength(w, kernel[1], stride[1], pad[1], ceilMode);
        return in -> {
            double[] x = in[0];
            double[] y = new double[n * c * ho * wo];
            for (int p = 0; p < n * c; p++) {
                for (int oh = 0; oh < ho; oh++) {
                    for (int ow = 0; ow < wo; ow++) {
                        double sum = 0;
                        int inside = 0;
                        int insidePadded = 0;
                        for (int i = 0; i < kernel[0]; i++) {
                            int ih = oh * stride[0] - pad[0] + i;
                            for (int j = 0; j < kernel[1]; j++) {
                                int iw = ow * stride[1] - pad[1] + j;
                                if (ih >= -pad[0] && ih < h + pad[0] && iw >= -pad[1] && iw < w + pad[1]) {
                                    insidePadded++;
                                }
                                if (ih >= 0 && ih < h && iw >= 0 && iw < w) {
                                    sum += x[(p * h + ih) * w + iw];
                                    inside++;
                                }
                            }
                        }
                        int divisor = countIncludePad ? insidePadded : inside;
                        y[(p * ho + oh) * wo + ow] = inside == 0 ? 0 : sum / divisor;
                    }
                }
            }
            return new double[][] {y};
        };
    }

    /** Inputs {x}; output i along an axis of length L averages [floor(i L / out), ceil((i + 1) L / out)). */
    static DoubleReference adaptiveAvgPool2d(int n, int c, int h, int w, int ho, int wo) {
        return in -> {
            double[] x = in[0];
            double[] y = new double[n * c * ho * wo];
            for (int p = 0; p < n * c; p++) {
                for (int oh = 0; oh < ho; oh++) {
                    int h0 = (int) Math.floor((double) oh * h / ho);
                    int h1 = (int) Math.ceil((double) (oh + 1) * h / ho);
                    for (int ow = 0; ow < wo; ow++) {
                        int w0 = (int) Math.floor((double) ow * w / wo);
                        int w1 = (int) Math.ceil((double) (ow + 1) * w / wo);
                        double sum = 0;
                        for (int ih = h0; ih < h1; ih++) {
                            for (int iw = w0; iw < w1; iw++) {
                                sum += x[(p * h + ih) * w + iw];
                            }
                        }
                        y[(p * ho + oh) * wo + ow] = sum / ((h1 - h0) * (w1 - w0));
                    }
                }
            }
            return new double[][] {y};
        };
    }
}
