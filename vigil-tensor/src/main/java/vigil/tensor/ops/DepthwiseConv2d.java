package vigil.tensor.ops;

import java.util.Arrays;
import vigil.tensor.parallel.Parallel;

/**
 * Direct kernels for depthwise convolution (groups == in channels): output channel oc reads only
 * input channel oc / mult, where mult = o / c. Unfolding would copy kh*kw times the input for one
 * tiny product per channel, so these loop over the taps instead. Each tap's valid output columns are
 * computed once, so the inner loops carry no padding tests.
 * x: [n, c, h, w], weight: [o, 1, kh, kw], y: [n, o, ho, wo].
 */
final class DepthwiseConv2d {
    private DepthwiseConv2d() {
    }

    // y[n, oc] = sum over taps of weight[oc, tap] * x[n, oc / mult] (shifted); y must start zeroed.
    // The vector kernel takes the geometries it covers unless -Dvigil.vector=off; it gives the same bits.
    static void forward(Conv2dGeometry g, float[] x, float[] weight, float[] y) {
        if (Gemm.VECTOR && VectorDepthwise.supports(g)) {
            VectorDepthwise.forward(g, x, weight, y);
        } else {
            forwardScalar(g, x, weight, y);
        }
    }

    // The scalar twin of VectorDepthwise. Samples run in parallel: each owns its output planes.
    static void forwardScalar(Conv2dGeometry g, float[] x, float[] weight, float[] y) {
        Parallel.forRange(g.n(), 1, (n0, n1) -> forward(g, x, weight, y, n0, n1));
    }

    private static void forward(Conv2dGeometry g, float[] x, float[] weight, float[] y, int n0, int n1) {
        int mult = g.o() / g.c();
        int inPlane = g.h() * g.w();
        int outPlane = g.ho() * g.wo();
        for (int n = n0; n < n1; n++) {
            for (int oc = 0; oc < g.o(); oc++) {
                int xc = (n * g.c() + oc / mult) * inPlane;
                int yc = (n * g.o() + oc) * outPlane;
                for (int ky = 0; ky < g.kh(); ky++) {
                    for (int kx = 0; kx < g.kw(); kx++) {
                        float wv = weight[(oc * g.kh() + ky) * g.kw() + kx];
                        int lo = firstValid(g.pw() - kx * g.dw(), g.sw());
                        int hi = endValid(g.w() - 1 + g.pw() - kx * g.dw(), g.sw(), g.wo());
                        int shift = kx * g.dw() - g.pw();
                        for (int oy = 0; oy < g.ho(); oy++) {
                            int iy = oy * g.sh() - g.ph() + ky * g.dh();
                            if (iy < 0 || iy >= g.h()) {
                                continue;
                            }
                            int xr = xc + iy * g.w() + shift;
                            int yr = yc + oy * g.wo();
                            for (int ox = lo; ox < hi; ox++) {
                                y[yr + ox] += wv * x[xr + ox * g.sw()];
                            }
                        }
                    }
                }
            }
        }
    }

    // gy: [n, o, ho, wo]; writes d/dx into gx (if non-null; its prior contents are never read, so it need not
    // be zeroed) and accumulates d/dweight into gw (if non-null).
    // The vector kernel takes the geometries it covers unless -Dvigil.vector=off (same d/dx bits; d/dweight
    // within float reassociation, see VectorDepthwiseBackward).
    static void backward(Conv2dGeometry g, float[] x, float[] weight, float[] gy, float[] gx, float[] gw) {
        if (Gemm.VECTOR && VectorDepthwiseBackward.supports(g)) {
            VectorDepthwiseBackward.backward(g, x, weight, gy, gx, gw);
        } else {
            backwardScalar(g, x, weight, gy, gx, gw);
        }
    }

    // The scalar twin. Input channels run in parallel: channel c owns gx[:, c] and the weights of its outputs
    // [c * mult, (c + 1) * mult), which it accumulates over samples in order, as a serial loop would.
    static void backwardScalar(Conv2dGeometry g, float[] x, float[] weight, float[] gy, float[] gx, float[] gw) {
        if (gx != null) {
            Arrays.fill(gx, 0f); // the sums below add into it
        }
        Parallel.forRange(g.c(), 1, (c0, c1) -> backward(g, x, weight, gy, gx, gw, c0, c1));
    }

    private static void backward(Conv2dGeometry g, float[] x, float[] weight, float[] gy, float[] gx, float[] gw,
                                 int c0, int c1) {
        int mult = g.o() / g.c();
        int inPlane = g.h() * g.w();
        int outPlane = g.ho() * g.wo();
        for (int n = 0; n < g.n(); n++) {
            for (int oc = c0 * mult; oc < c1 * mult; oc++) {
                int xc = (n * g.c() + oc / mult) * inPlane;
                int yc = (n * g.o() + oc) * outPlane;
                for (int ky = 0; ky < g.kh(); ky++) {
                    for (int kx = 0; kx < g.kw(); kx++) {
                        int wi = (oc * g.kh() + ky) * g.kw() + kx;
                        float wv = weight[wi];
                        int lo = firstValid(g.pw() - kx * g.dw(), g.sw());
                        int hi = endValid(g.w() - 1 + g.pw() - kx * g.dw(), g.sw(), g.wo());
                        int shift = kx * g.dw() - g.pw();
                        double acc = 0;
                        for (int oy = 0; oy < g.ho(); oy++) {
                            int iy = oy * g.sh() - g.ph() + ky * g.dh();
                            if (iy < 0 || iy >= g.h()) {
                                continue;
                            }
                            int xr = xc + iy * g.w() + shift;
                            int yr = yc + oy * g.wo();
                            if (gx != null) {
                                for (int ox = lo; ox < hi; ox++) {
                                    gx[xr + ox * g.sw()] += wv * gy[yr + ox];
                                }
                            }
                            if (gw != null) {
                                float rowSum = 0f;
                                for (int ox = lo; ox < hi; ox++) {
                                    rowSum += gy[yr + ox] * x[xr + ox * g.sw()];
                                }
                                acc += rowSum;
                            }
                        }
                        if (gw != null) {
                            gw[wi] += (float) acc;
                        }
                    }
                }
            }
        }
    }

    // smallest ox >= 0 with ox * stride >= offset, where ix = ox * stride - offset
    private static int firstValid(int offset, int stride) {
        return Math.max(0, Math.ceilDiv(offset, stride));
    }

    // one past the largest ox < wo with ox * stride <= limit
    private static int endValid(int limit, int stride, int wo) {
        return limit < 0 ? 0 : Math.min(wo, limit / stride + 1);
    }
}
