package vigil.quant.int8;

/**
 * The float-simulated twins of the int8 kernels: dequantize every operand (r = S (q - Z)), run the float
 * op in double, and return u = r_out / S_out, the real output in units of the output step, before the zero
 * point is added and the value rounded (see {@link Exactness} for the rounding and its comparison).
 */
final class FloatTwins {
    private FloatTwins() {
    }

    /**
     * Convolution with groups 1 or depthwise (groups == c == o): x [n, c, h, w] codes, w [o, c/groups, kh, kw]
     * codes with per-channel scales, bias at S_in S_w[o], optional PReLU alpha per channel (null: none).
     */
    static double[] conv(byte[] x, int n, int c, int h, int w, float sIn, int zIn, byte[] wq, float[] sW, int[] bias,
                         int o, int kh, int kw, int s, int p, boolean depthwise, double[] alpha, float sOut) {
        int ho = (h + 2 * p - kh) / s + 1;
        int wo = (w + 2 * p - kw) / s + 1;
        int cPer = depthwise ? 1 : c;
        double[] u = new double[n * o * ho * wo];
        for (int b = 0; b < n; b++) {
            for (int oc = 0; oc < o; oc++) {
                for (int oy = 0; oy < ho; oy++) {
                    for (int ox = 0; ox < wo; ox++) {
                        double r = bias == null ? 0 : (double) sIn * sW[oc] * bias[oc];
                        for (int ci = 0; ci < cPer; ci++) {
                            int ic = depthwise ? oc : ci;
                            for (int ky = 0; ky < kh; ky++) {
                                for (int kx = 0; kx < kw; kx++) {
                                    int iy = oy * s - p + ky;
                                    int ix = ox * s - p + kx;
                                    if (iy < 0 || iy >= h || ix < 0 || ix >= w) {
                                        continue;
                                    }
                                    double xr = (double) sIn * (x[((b * c + ic) * h + iy) * w + ix] - zIn);
                                    double wr = (double) sW[oc] * wq[((oc * cPer + ci) * kh + ky) * kw + kx];
                                    r += xr * wr;
                                }
                            }
                        }
                        if (alpha != null && r < 0) {
                            r *= alpha[oc];
                        }
                        u[((b * o + oc) * ho + oy) * wo + ox] = r / sOut;
                    }
                }
            }
        }
        return u;
    }

    static double[] fullyConnected(byte[] x, int n, int in, float sIn, int zIn, byte[] wq, float[] sW, int[] bias,
                                   int o, float sOut) {
        double[] u = new double[n * o];
        for (int b = 0; b < n; b++) {
            for (int oc = 0; oc < o; oc++) {
                double r = bias == null ? 0 : (double) sIn * sW[oc] * bias[oc];
                for (int k = 0; k < in; k++) {
                    r += (double) sIn * (x[b * in + k] - zIn) * ((double) sW[oc] * wq[oc * in + k]);
                }
                u[b * o + oc] = r / sOut;
            }
        }
        return u;
    }

    static double[] add(byte[] a, float sA, int zA, byte[] b, float sB, int zB, float sOut) {
        double[] u = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            u[i] = ((double) sA * (a[i] - zA) + (double) sB * (b[i] - zB)) / sOut;
        }
        return u;
    }

    static double[] channelMul(byte[] x, float sX, int zX, byte[] g, float sG, int zG, int hw, float sOut) {
        double[] u = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            u[i] = (double) sX * (x[i] - zX) * ((double) sG * (g[i / hw] - zG)) / sOut;
        }
        return u;
    }

    /** Average of the dequantized values, requantized with the same scale: u + Z is the mean code. */
    static double[] globalAvgPool(byte[] x, int planes, int hw, float s, int z) {
        double[] u = new double[planes];
        for (int pl = 0; pl < planes; pl++) {
            double r = 0;
            for (int i = pl * hw; i < (pl + 1) * hw; i++) {
                r += (double) s * (x[i] - z);
            }
            u[pl] = r / hw / s;
        }
        return u;
    }

    static double[] prelu(byte[] x, int c, int hw, float sIn, int zIn, byte[] alphaQ, float[] sAlpha, float sOut) {
        double[] u = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double r = (double) sIn * (x[i] - zIn);
            int ch = (i / hw) % c;
            if (r < 0) {
                r *= (double) sAlpha[ch] * alphaQ[ch];
            }
            u[i] = r / sOut;
        }
        return u;
    }
}
