package vigil.io.caffe.layers;

import java.io.IOException;
import vigil.io.caffe.LayerSpec;
import vigil.io.protobuf.TextMessage;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.ops.Gemm;

/**
 * Caffe "Deconvolution" (transposed convolution): x [N, C, H, W] -> y [N, num_output, Ho, Wo] with
 * Ho = stride (H - 1) + dilation (kh - 1) + 1 - 2 pad (likewise Wo). Blobs: weight
 * [C, num_output / group, kh, kw] (input channels first, as Caffe stores it), then bias [num_output].
 *
 * <p>Per sample and group, one matrix product spreads every input pixel over its output window,
 * col = W_g^T x_g : [Og kh kw, H W], and col2im adds each column into the output positions its
 * window covers; that is the adjoint of a convolution's im2col, which is what Caffe runs.
 */
final class DeconvolutionLayer implements CaffeLayer {
    private final String where;
    private final float[] weight;
    private final float[] bias;
    private final Window win;
    private final int group;
    private final int in;
    private final int out;

    DeconvolutionLayer(LayerSpec spec, LayerWeights blobs) throws IOException {
        where = spec.where();
        TextMessage p = spec.param("convolution_param");
        out = p.intValue("num_output", 0);
        group = p.intValue("group", 1);
        win = Window.read(spec, p, true);
        boolean biasTerm = p.bool("bias_term", true);
        if (out < 1 || group < 1 || out % group != 0) {
            throw spec.error("num_output " + out + " must be positive and divisible by group " + group);
        }
        blobs.expectCount(biasTerm ? 2 : 1);
        int[] ws = blobs.get(0).shape();
        if (ws.length != 4 || ws[1] * group != out || ws[0] % group != 0 || ws[2] != win.kh()
                || ws[3] != win.kw()) {
            throw blobs.error("weight blob " + Shape.str(ws) + " does not match num_output " + out + ", group "
                    + group + " and kernel " + win.kh() + "x" + win.kw());
        }
        in = ws[0];
        weight = blobs.get(0).data();
        bias = biasTerm ? blobs.shaped(1, out).data() : null;
    }

    @Override
    public Tensor[] forward(Tensor[] bottoms) {
        Tensor x = bottoms[0];
        int[] s = x.shape();
        if (s.length != 4 || s[1] != in) {
            throw new ShapeException(where + ": expected input [N, " + in + ", H, W], got " + Shape.str(s));
        }
        int n = s[0];
        int h = s[2];
        int w = s[3];
        int ho = win.sh() * (h - 1) + win.dh() * (win.kh() - 1) + 1 - 2 * win.ph();
        int wo = win.sw() * (w - 1) + win.dw() * (win.kw() - 1) + 1 - 2 * win.pw();
        if (ho < 1 || wo < 1) {
            throw new ShapeException(where + ": input " + Shape.str(s) + " gives an empty output " + ho + "x" + wo);
        }
        int cg = in / group;
        int og = out / group;
        int rows = og * win.kh() * win.kw();
        int pixels = h * w;
        float[] xd = x.data();
        float[] y = new float[n * out * ho * wo];
        float[] col = new float[rows * pixels];
        for (int b = 0; b < n; b++) {
            for (int g = 0; g < group; g++) {
                int xOff = (b * in + g * cg) * pixels;
                int wOff = g * cg * rows;
                Gemm.sgemm(true, false, rows, pixels, cg, weight, wOff, rows, xd, xOff, pixels, 0f, col, 0, pixels);
                col2im(col, y, (b * out + g * og) * ho * wo, og, h, w, ho, wo);
            }
        }
        if (bias != null) {
            for (int b = 0; b < n; b++) {
                for (int c = 0; c < out; c++) {
                    int off = (b * out + c) * ho * wo;
                    for (int i = 0; i < ho * wo; i++) {
                        y[off + i] += bias[c];
                    }
                }
            }
        }
        return new Tensor[] {Tensor.of(y, n, out, ho, wo)};
    }

    // col: [og * kh * kw, h * w], row (oc, ky, kx) -> added into y [og, ho, wo] at yOff
    private void col2im(float[] col, float[] y, int yOff, int og, int h, int w, int ho, int wo) {
        int row = 0;
        for (int oc = 0; oc < og; oc++) {
            int plane = yOff + oc * ho * wo;
            for (int ky = 0; ky < win.kh(); ky++) {
                for (int kx = 0; kx < win.kw(); kx++, row++) {
                    int r = row * h * w;
                    for (int iy = 0; iy < h; iy++) {
                        int oy = iy * win.sh() - win.ph() + ky * win.dh();
                        if (oy < 0 || oy >= ho) {
                            continue;
                        }
                        int yr = plane + oy * wo;
                        int cr = r + iy * w;
                        for (int ix = 0; ix < w; ix++) {
                            int ox = ix * win.sw() - win.pw() + kx * win.dw();
                            if (ox >= 0 && ox < wo) {
                                y[yr + ox] += col[cr + ix];
                            }
                        }
                    }
                }
            }
        }
    }
}
