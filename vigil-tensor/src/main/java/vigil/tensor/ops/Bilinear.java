package vigil.tensor.ops;

import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;

/**
 * Bilinear resize as torch.nn.functional.interpolate(mode='bilinear'):
 * x: [N, C, H, W] -> y: [N, C, outH, outW].
 *
 * <p>Output index d along an axis samples the input at a real position r: with align_corners,
 * r = d * (in - 1) / (out - 1) (corners map onto corners); without, r = (d + 0.5) * scale - 0.5
 * clamped at 0, where scale = in / out, or 1 / scale_factor when the caller resized by a factor
 * (PyTorch keeps the factor rather than recomputing it from the sizes). y blends the two
 * neighbours floor(r) and floor(r) + 1 (the last index repeats at the border) with weights
 * 1 - frac and frac. The arithmetic is float32, as PyTorch's CPU kernel does it for float input.
 */
public final class Bilinear {
    private Bilinear() {
    }

    /** Resizes x to (outH, outW). */
    public static Tensor interpolateBilinear(Tensor x, int outH, int outW, boolean alignCorners) {
        return resize(x, outH, outW, alignCorners, 0.0, 0.0);
    }

    /**
     * Resizes x by scale factors as F.interpolate(scale_factor=(scaleH, scaleW)) with its default
     * recompute_scale_factor: out = floor(in * factor), sampling positions from the factor itself.
     */
    public static Tensor interpolateBilinearByFactor(Tensor x, double scaleH, double scaleW, boolean alignCorners) {
        int[] s = checkInput(x);
        if (!(scaleH > 0) || !(scaleW > 0)) {
            throw new IllegalArgumentException("interpolate_bilinear: scale factors (" + scaleH + ", " + scaleW
                    + ") must be positive (input " + Shape.str(s) + ")");
        }
        int outH = (int) Math.floor(s[2] * scaleH);
        int outW = (int) Math.floor(s[3] * scaleW);
        return resize(x, outH, outW, alignCorners, scaleH, scaleW);
    }

    // factorH / factorW: the user's scale factor, or 0 when resizing to a size.
    private static Tensor resize(Tensor x, int outH, int outW, boolean alignCorners, double factorH, double factorW) {
        int[] s = checkInput(x);
        if (outH <= 0 || outW <= 0) {
            throw new ShapeException("interpolate_bilinear: output size (" + outH + ", " + outW
                    + ") must be positive (input " + Shape.str(s) + ")");
        }
        int planes = s[0] * s[1];
        int h = s[2];
        int w = s[3];
        AxisTaps rows = AxisTaps.of(h, outH, alignCorners, factorH);
        AxisTaps cols = AxisTaps.of(w, outW, alignCorners, factorW);
        float[] in = x.data();
        float[] y = new float[planes * outH * outW];
        for (int p = 0; p < planes; p++) {
            int base = p * h * w;
            int o = p * outH * outW;
            for (int oh = 0; oh < outH; oh++) {
                int r0 = base + rows.index0[oh] * w;
                int r1 = base + rows.index1[oh] * w;
                float a0 = rows.lambda0[oh];
                float a1 = rows.lambda1[oh];
                for (int ow = 0; ow < outW; ow++, o++) {
                    int c0 = cols.index0[ow];
                    int c1 = cols.index1[ow];
                    float b0 = cols.lambda0[ow];
                    float b1 = cols.lambda1[ow];
                    y[o] = a0 * (b0 * in[r0 + c0] + b1 * in[r0 + c1]) + a1 * (b0 * in[r1 + c0] + b1 * in[r1 + c1]);
                }
            }
        }
        return Autograd.record("interpolate_bilinear", Tensor.of(y, s[0], s[1], outH, outW), g -> {
            float[] gx = new float[in.length];
            for (int p = 0; p < planes; p++) {
                int base = p * h * w;
                int o = p * outH * outW;
                for (int oh = 0; oh < outH; oh++) {
                    int r0 = base + rows.index0[oh] * w;
                    int r1 = base + rows.index1[oh] * w;
                    float a0 = rows.lambda0[oh];
                    float a1 = rows.lambda1[oh];
                    for (int ow = 0; ow < outW; ow++, o++) {
                        int c0 = cols.index0[ow];
                        int c1 = cols.index1[ow];
                        float b0 = cols.lambda0[ow];
                        float b1 = cols.lambda1[ow];
                        float go = g[o];
                        gx[r0 + c0] += a0 * b0 * go;
                        gx[r0 + c1] += a0 * b1 * go;
                        gx[r1 + c0] += a1 * b0 * go;
                        gx[r1 + c1] += a1 * b1 * go;
                    }
                }
            }
            x.accumulateGrad(gx);
        }, x);
    }

    private static int[] checkInput(Tensor x) {
        int[] s = x.shape();
        if (s.length != 4) {
            throw new ShapeException("interpolate_bilinear: expected x [N, C, H, W], got " + Shape.str(s));
        }
        return s;
    }

    /** Per output index along one axis: the two input neighbours and their weights. */
    private record AxisTaps(int[] index0, int[] index1, float[] lambda0, float[] lambda1) {
        static AxisTaps of(int in, int out, boolean alignCorners, double factor) {
            int[] i0 = new int[out];
            int[] i1 = new int[out];
            float[] l0 = new float[out];
            float[] l1 = new float[out];
            float scale = alignCorners
                    ? (out > 1 ? (float) (in - 1) / (out - 1) : 0f)
                    : (factor > 0 ? (float) (1.0 / factor) : (float) in / out);
            for (int d = 0; d < out; d++) {
                if (in == out) {
                    // PyTorch copies when the size is unchanged, whatever the scale factor says.
                    i0[d] = d;
                    i1[d] = d;
                    l0[d] = 1f;
                    continue;
                }
                float real = alignCorners ? scale * d : Math.max(scale * (d + 0.5f) - 0.5f, 0f);
                int lo = (int) real;
                i0[d] = lo;
                i1[d] = lo < in - 1 ? lo + 1 : lo;
                l1[d] = real - lo;
                l0[d] = 1f - l1[d];
            }
            return new AxisTaps(i0, i1, l0, l1);
        }
    }
}
