package vigil.quant.int8;

import java.util.Arrays;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;

/**
 * Int8 depthwise convolution (one filter per channel, TFLite's DepthwiseConv with multiplier 1), any
 * kh x kw, padding and stride: acc[c, oy, ox] = bias[c] + sum_{ky, kx} w[c, ky, kx] * (x[c, iy, ix] - Z_in),
 * padded taps contributing 0; then the {@link OutputStage}. x: [n, c, h, w] -> y: [n, c, ho, wo].
 *
 * <p>MiniFASNet's maps are narrow (40 down to 5 columns), so the vector kernel (equal strides) does not run
 * along one output row: each channel plane is copied, minus Z_in, into a zero-padded int16 plane of pitch
 * P = w + 2 pw, and outputs are computed over the flat index q = oy P + ox, whose tap (ky, kx) reads padded
 * element s q + ky P + kx: linear in q, so one vector covers several rows (columns ox >= wo are computed
 * and dropped). For stride s the padded plane is split into s phases by flat index mod s, so every tap is a
 * unit-stride load. Integer sums are exact: the scalar twin gives the same bits.
 */
public final class Int8DepthwiseConv2d {
    private final short[] weight;
    private final int[] bias;
    private final int channels;
    private final Int8Window window;
    private final int inputZeroPoint;
    private final OutputStage output;

    /** weight: [channels, 1, kh, kw] int8; bias: [channels] int32 or null; stride, padding as (h, w). */
    public Int8DepthwiseConv2d(byte[] weight, int[] bias, int channels, int kh, int kw, int[] stride,
                               int[] padding, int inputZeroPoint, OutputStage output) {
        if (weight.length != channels * kh * kw || (bias != null && bias.length != channels)
                || output.channels() != channels) {
            throw new IllegalArgumentException("Int8DepthwiseConv2d: " + weight.length + " weights, bias and "
                    + output.channels() + " output channels do not fit [" + channels + ", 1, " + kh + ", " + kw + "]");
        }
        this.window = Int8Window.of("Int8DepthwiseConv2d", kh, kw, stride, padding);
        this.weight = Widen.bytes(weight);
        this.bias = bias == null ? null : bias.clone();
        this.channels = channels;
        this.inputZeroPoint = inputZeroPoint;
        this.output = output;
    }

    public int outputHeight(int h) {
        return window.outputHeight(h);
    }

    public int outputWidth(int w) {
        return window.outputWidth(w);
    }

    /** x: [n, channels, h, w] int8 codes -> [n, channels, ho, wo] int8 codes. */
    public byte[] forward(byte[] x, int n, int h, int w) {
        return Int8Lanes.VECTOR && window.sh() == window.sw() ? forwardVector(x, n, h, w) : forwardScalar(x, n, h, w);
    }

    private int[] check(byte[] x, int n, int h, int w) {
        if (x.length != n * channels * h * w) {
            throw new IllegalArgumentException("Int8DepthwiseConv2d: input of " + x.length + " codes is not [" + n
                    + ", " + channels + ", " + h + ", " + w + "]");
        }
        return window.outputSize("Int8DepthwiseConv2d", h, w);
    }

    byte[] forwardScalar(byte[] x, int n, int h, int w) {
        int[] out = check(x, n, h, w);
        int ho = out[0];
        int wo = out[1];
        int kh = window.kh();
        int kw = window.kw();
        int sh = window.sh();
        int sw = window.sw();
        int ph = window.ph();
        int pw = window.pw();
        byte[] y = new byte[n * channels * ho * wo];
        for (int plane = 0; plane < n * channels; plane++) {
            int c = plane % channels;
            int xOff = plane * h * w;
            for (int oy = 0; oy < ho; oy++) {
                for (int ox = 0; ox < wo; ox++) {
                    int acc = bias == null ? 0 : bias[c];
                    for (int ky = 0; ky < kh; ky++) {
                        int iy = oy * sh - ph + ky;
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        for (int kx = 0; kx < kw; kx++) {
                            int ix = ox * sw - pw + kx;
                            if (ix >= 0 && ix < w) {
                                acc += weight[(c * kh + ky) * kw + kx] * (x[xOff + iy * w + ix] - inputZeroPoint);
                            }
                        }
                    }
                    y[(plane * ho + oy) * wo + ox] = (byte) output.apply(acc, c);
                }
            }
        }
        return y;
    }

    byte[] forwardVector(byte[] x, int n, int h, int w) {
        if (window.sh() != window.sw()) {
            throw new IllegalStateException("Int8DepthwiseConv2d: the vector kernel needs equal strides");
        }
        int[] out = check(x, n, h, w);
        int ho = out[0];
        int wo = out[1];
        int kh = window.kh();
        int kw = window.kw();
        int ph = window.ph();
        int pw = window.pw();
        int s = window.sh();
        int lanes = Int8Lanes.L;
        int pitch = w + 2 * pw;
        int qLen = (ho - 1) * pitch + wo;
        int qVec = (qLen + lanes - 1) / lanes * lanes;
        int lastRead = s * (qVec - 1) + (kh - 1) * pitch + kw - 1;
        int paddedLen = Math.max((h + 2 * ph) * pitch, lastRead + 1);
        int phaseLen = (paddedLen + s - 1) / s;
        short[] padded = new short[paddedLen];
        // stride 1 has one phase, the padded plane itself
        short[] phases = s == 1 ? padded : new short[s * phaseLen];
        int[] acc = new int[qVec];
        byte[] y = new byte[n * channels * ho * wo];
        for (int plane = 0; plane < n * channels; plane++) {
            int c = plane % channels;
            int xOff = plane * h * w;
            Arrays.fill(padded, (short) 0);
            for (int iy = 0; iy < h; iy++) {
                Widen.minusZeroPoint(x, xOff + iy * w, padded, (iy + ph) * pitch + pw, w, inputZeroPoint);
            }
            if (s > 1) {
                for (int t = 0; t < s; t++) {
                    for (int j = 0, f = t; f < paddedLen; j++, f += s) {
                        phases[t * phaseLen + j] = padded[f];
                    }
                }
            }
            for (int q = 0; q < qVec; q += lanes) {
                IntVector a = IntVector.zero(Int8Lanes.INT);
                for (int ky = 0; ky < kh; ky++) {
                    for (int kx = 0; kx < kw; kx++) {
                        int tap = ky * pitch + kx;
                        int from = (tap % s) * phaseLen + tap / s + q;
                        a = Int8Lanes.fma(a, ShortVector.fromArray(Int8Lanes.SHORT, phases, from),
                                weight[(c * kh + ky) * kw + kx]);
                    }
                }
                a.intoArray(acc, q);
            }
            int add = bias == null ? 0 : bias[c];
            for (int oy = 0; oy < ho; oy++) {
                output.applyRun(acc, oy * pitch, add, y, (plane * ho + oy) * wo, wo, c);
            }
        }
        return y;
    }
}
