package vigil.tensor.reference;

import vigil.tensor.gradcheck.DoubleReference;

/**
 * Double-precision 2-D convolution (cross-correlation), written from torch.nn.functional.conv2d's
 * definition with one direct loop per output element: no unfolding, no depthwise special case.
 */
final class ConvReference {
    private ConvReference() {
    }

    /** The sizes of one call; out sizes follow PyTorch: (h + 2p - d(k-1) - 1) / s + 1. */
    record Geometry(int n, int c, int h, int w, int o, int kh, int kw, int sh, int sw, int ph, int pw,
                    int dh, int dw, int groups) {
        int ho() {
            return (h + 2 * ph - dh * (kh - 1) - 1) / sh + 1;
        }

        int wo() {
            return (w + 2 * pw - dw * (kw - 1) - 1) / sw + 1;
        }

        int[] xShape() {
            return new int[] {n, c, h, w};
        }

        int[] weightShape() {
            return new int[] {o, c / groups, kh, kw};
        }

        int[] stride() {
            return new int[] {sh, sw};
        }

        int[] padding() {
            return new int[] {ph, pw};
        }

        int[] dilation() {
            return new int[] {dh, dw};
        }
    }

    /**
     * Inputs {x [N, C, H, W], weight [O, C/groups, kh, kw]} or, with bias, {x, weight, bias [O]}
     * -> {y [N, O, Ho, Wo]}. Output channel oc reads input channels of group oc / (O/groups).
     */
    static DoubleReference conv2d(Geometry g, boolean withBias) {
        return in -> {
            double[] x = in[0];
            double[] wt = in[1];
            double[] b = withBias ? in[2] : null;
            int cg = g.c() / g.groups();
            int og = g.o() / g.groups();
            int ho = g.ho();
            int wo = g.wo();
            double[] y = new double[g.n() * g.o() * ho * wo];
            for (int s = 0; s < g.n(); s++) {
                for (int oc = 0; oc < g.o(); oc++) {
                    int firstChannel = (oc / og) * cg;
                    for (int oy = 0; oy < ho; oy++) {
                        for (int ox = 0; ox < wo; ox++) {
                            double acc = b == null ? 0 : b[oc];
                            for (int ic = 0; ic < cg; ic++) {
                                for (int ky = 0; ky < g.kh(); ky++) {
                                    int iy = oy * g.sh() - g.ph() + ky * g.dh();
                                    if (iy < 0 || iy >= g.h()) {
                                        continue;
                                    }
                                    for (int kx = 0; kx < g.kw(); kx++) {
                                        int ix = ox * g.sw() - g.pw() + kx * g.dw();
                                        if (ix < 0 || ix >= g.w()) {
                                            continue;
                                        }
                                        double xv = x[((s * g.c() + firstChannel + ic) * g.h() + iy) * g.w() + ix];
                                        double wv = wt[((oc * cg + ic) * g.kh() + ky) * g.kw() + kx];
                                        acc += xv * wv;
                                    }
                                }
                            }
                            y[((s * g.o() + oc) * ho + oy) * wo + ox] = acc;
                        }
                    }
                }
            }
            return new double[][] {y};
        };
    }
}
