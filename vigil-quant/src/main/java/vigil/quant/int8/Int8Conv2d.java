package vigil.quant.int8;

/**
 * Int8 convolution with one group (TFLite's reference Conv semantics): int8 input codes (zero point Z_in,
 * per tensor), int8 weights symmetric per output channel (zero point 0), an int32 bias at scale
 * S_in * S_w[o], the {@link OutputStage} for requantization and the fused activation.
 * acc[o, p] = bias[o] + sum_{c, ky, kx} w[o, c, ky, kx] * (x[c, iy, ix] - Z_in), padded taps contributing 0
 * (they are filled with Z_in, as TFLite pads quantized inputs with the zero point).
 *
 * <p>A 1x1 stride-1 unpadded convolution is a GEMM over the input as it lies ([C, H*W]); any other
 * geometry is lowered to one by im2col ([C*kh*kw, Ho*Wo]). x: [n, c, h, w] -> y: [n, o, ho, wo].
 */
public final class Int8Conv2d {
    private static final Int8Window POINTWISE = new Int8Window(1, 1, 1, 1, 0, 0);
    private final short[] weight;
    private final int[] bias;
    private final int outChannels;
    private final int inChannels;
    private final Int8Window window;
    private final int inputZeroPoint;
    private final OutputStage output;

    /**
     * weight: [outChannels, inChannels, kh, kw] int8; bias: [outChannels] int32 or null; stride and
     * padding as (h, w) pairs.
     */
    public Int8Conv2d(byte[] weight, int[] bias, int outChannels, int inChannels, int kh, int kw, int[] stride,
                      int[] padding, int inputZeroPoint, OutputStage output) {
        if (weight.length != outChannels * inChannels * kh * kw) {
            throw new IllegalArgumentException("Int8Conv2d: " + weight.length + " weights for [" + outChannels + ", "
                    + inChannels + ", " + kh + ", " + kw + "]");
        }
        if (bias != null && bias.length != outChannels || output.channels() != outChannels) {
            throw new IllegalArgumentException("Int8Conv2d: bias / output stage channels do not match "
                    + outChannels + " output channels");
        }
        this.window = Int8Window.of("Int8Conv2d", kh, kw, stride, padding);
        if (inChannels * kh * kw > Int8Gemm.MAX_DEPTH) {
            throw new IllegalArgumentException("Int8Conv2d: reduction depth " + inChannels * kh * kw + " too deep");
        }
        this.weight = Widen.bytes(weight);
        this.bias = bias == null ? null : bias.clone();
        this.outChannels = outChannels;
        this.inChannels = inChannels;
        this.inputZeroPoint = inputZeroPoint;
        this.output = output;
    }

    public int outputHeight(int h) {
        return window.outputHeight(h);
    }

    public int outputWidth(int w) {
        return window.outputWidth(w);
    }

    private boolean isPointwise() {
        return window.equals(POINTWISE);
    }

    /** x: [n, inChannels, h, w] int8 codes -> [n, outChannels, ho, wo] int8 codes. */
    public byte[] forward(byte[] x, int n, int h, int w) {
        if (x.length != n * inChannels * h * w) {
            throw new IllegalArgumentException("Int8Conv2d: input of " + x.length + " codes is not [" + n + ", "
                    + inChannels + ", " + h + ", " + w + "]");
        }
        int[] size = window.outputSize("Int8Conv2d", h, w);
        int ho = size[0];
        int wo = size[1];
        int p = ho * wo;
        // Columns padded with zeros to whole vectors (pitch pp), so the GEMM has no scalar tail; the padded
        // outputs are computed and dropped (5 x 5 maps: 25 of 32 columns used instead of 16 vector + 9 scalar).
        int pp = (p + Int8Lanes.L - 1) / Int8Lanes.L * Int8Lanes.L;
        int k = inChannels * window.kh() * window.kw();
        byte[] y = new byte[n * outChannels * p];
        short[] cols = new short[k * pp];
        int[] acc = new int[outChannels * pp];
        for (int b = 0; b < n; b++) {
            int xOff = b * inChannels * h * w;
            if (isPointwise()) {
                for (int c = 0; c < inChannels; c++) {
                    Widen.minusZeroPoint(x, xOff + c * p, cols, c * pp, p, inputZeroPoint);
                }
            } else {
                im2col(x, xOff, h, w, ho, wo, pp, cols);
            }
            Int8Gemm.multiply(weight, cols, acc, outChannels, k, pp);
            int yOff = b * outChannels * p;
            for (int o = 0; o < outChannels; o++) {
                output.applyRun(acc, o * pp, bias == null ? 0 : bias[o], y, yOff + o * p, p, o);
            }
        }
        return y;
    }

    // cols[(c*kh + ky)*kw + kx, oy*wo + ox] = x[c, oy*sh - ph + ky, ox*sw - pw + kx] - Z_in, 0 outside the image;
    // rows of pitch pp >= ho*wo (the padding columns stay 0).
    private void im2col(byte[] x, int xOff, int h, int w, int ho, int wo, int pp, short[] cols) {
        int p = pp;
        int kh = window.kh();
        int kw = window.kw();
        int sh = window.sh();
        int sw = window.sw();
        int ph = window.ph();
        int pw = window.pw();
        for (int c = 0; c < inChannels; c++) {
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++) {
                    int row = ((c * kh + ky) * kw + kx) * p;
                    for (int oy = 0; oy < ho; oy++) {
                        int iy = oy * sh - ph + ky;
                        for (int ox = 0; ox < wo; ox++) {
                            int ix = ox * sw - pw + kx;
                            boolean inside = iy >= 0 && iy < h && ix >= 0 && ix < w;
                            cols[row + oy * wo + ox] = inside
                                    ? (short) (x[xOff + (c * h + iy) * w + ix] - inputZeroPoint) : 0;
                        }
                    }
                }
            }
        }
    }
}
