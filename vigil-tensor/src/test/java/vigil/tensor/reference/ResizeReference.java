package vigil.tensor.reference;

import vigil.tensor.gradcheck.DoubleReference;

/**
 * Double-precision bilinear resize, x: [N, C, H, W] -> y: [N, C, outH, outW], as
 * F.interpolate(mode='bilinear') defines it: output index d samples the input at a real position
 * (align_corners: d (in - 1) / (out - 1); otherwise (d + 0.5) / factor - 0.5 clamped at 0, with
 * factor = out / in when resizing to a size) and blends the two neighbours around it; an axis whose
 * size does not change is copied (PyTorch does so even when a scale factor says otherwise).
 */
final class ResizeReference {
    private ResizeReference() {
    }

    /** Inputs {x}; resize to (outH, outW). */
    static DoubleReference toSize(int n, int c, int h, int w, int outH, int outW, boolean alignCorners) {
        return resize(n, c, h, w, outH, outW, alignCorners, (double) outH / h, (double) outW / w);
    }

    /** Inputs {x}; resize by factors: out = floor(in * factor), positions taken from the factor itself. */
    static DoubleReference byFactor(int n, int c, int h, int w, double factorH, double factorW, boolean alignCorners) {
        int outH = (int) Math.floor(h * factorH);
        int outW = (int) Math.floor(w * factorW);
        return resize(n, c, h, w, outH, outW, alignCorners, factorH, factorW);
    }

    private static DoubleReference resize(int n, int c, int h, int w, int outH, int outW, boolean alignCorners,
                                          double factorH, double factorW) {
        return in -> {
            double[] x = in[0];
            double[] y = new double[n * c * outH * outW];
            for (int p = 0; p < n * c; p++) {
                for (int oh = 0; oh < outH; oh++) {
                    double rh = source(oh, h, outH, alignCorners, factorH);
                    int h0 = (int) Math.floor(rh);
                    int h1 = Math.min(h0 + 1, h - 1);
                    double fh = rh - h0;
                    for (int ow = 0; ow < outW; ow++) {
                        double rw = source(ow, w, outW, alignCorners, factorW);
                        int w0 = (int) Math.floor(rw);
                        int w1 = Math.min(w0 + 1, w - 1);
                        double fw = rw - w0;
                        double top = (1 - fw) * x[(p * h + h0) * w + w0] + fw * x[(p * h + h0) * w + w1];
                        double bottom = (1 - fw) * x[(p * h + h1) * w + w0] + fw * x[(p * h + h1) * w + w1];
                        y[(p * outH + oh) * outW + ow] = (1 - fh) * top + fh * bottom;
                    }
                }
            }
            return new double[][] {y};
        };
    }

    /** The real input position sampled by output index d along an axis of in -> out elements. */
    private static double source(int d, int in, int out, boolean alignCorners, double factor) {
        if (in == out) {
            return d;
        }
        if (alignCorners) {
            return out > 1 ? d * (in - 1.0) / (out - 1.0) : 0;
        }
        return Math.max((d + 0.5) / factor - 0.5, 0);
    }
}
