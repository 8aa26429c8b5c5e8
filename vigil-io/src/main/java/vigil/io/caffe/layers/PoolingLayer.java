package vigil.io.caffe.layers;

import java.io.IOException;
import vigil.io.caffe.LayerSpec;
import vigil.io.protobuf.TextMessage;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;

/**
 * Caffe "Pooling", MAX or AVE, x [N, C, H, W] -> y [N, C, Ho, Wo], with Caffe's own window rules,
 * which differ from PyTorch's at the edges:
 * <ul>
 * <li>output size rounds up: Ho = ceil((H + 2 pad - k) / stride) + 1, less one when padding is used
 *     and the last window would start at or past H + pad (round_mode: FLOOR rounds down instead);</li>
 * <li>AVE divides by the window clipped to the padded input [-pad, H + pad), padding included, even
 *     where the window hangs past the input;</li>
 * <li>MAX takes the max over the window clipped to the input (padding never wins).</li>
 * </ul>
 * global_pooling: one window over the whole plane.
 */
final class PoolingLayer implements CaffeLayer {
    private final String where;
    private final boolean max;
    private final boolean global;
    private final boolean ceil;
    private final Window win;

    PoolingLayer(LayerSpec spec) throws IOException {
        where = spec.where();
        TextMessage p = spec.param("pooling_param");
        String method = p.enumName("pool", "MAX");
        max = switch (method) {
            case "MAX", "0" -> true;
            case "AVE", "1" -> false;
            default -> throw spec.error("pool method " + method + " is not supported (MAX, AVE)");
        };
        global = p.bool("global_pooling", false);
        String round = p.enumName("round_mode", "CEIL");
        if (!round.equals("CEIL") && !round.equals("0") && !round.equals("FLOOR") && !round.equals("1")) {
            throw spec.error("unknown round_mode " + round);
        }
        ceil = round.equals("CEIL") || round.equals("0");
        win = global ? null : Window.read(spec, p, true);
        if (win != null && (win.dh() != 1 || win.dw() != 1)) {
            throw spec.error("pooling has no dilation");
        }
        if (win != null && (win.ph() >= win.kh() || win.pw() >= win.kw())) {
            throw spec.error("pad must be smaller than the kernel");
        }
    }

    @Override
    public Tensor[] forward(Tensor[] bottoms) {
        int[] s = bottoms[0].shape();
        if (s.length != 4) {
            throw new ShapeException(where + ": expected input [N, C, H, W], got " + Shape.str(s));
        }
        int h = s[2];
        int w = s[3];
        Window wd = global ? new Window(h, w, 1, 1, 0, 0, 1, 1) : win;
        int ho = outputLength(h, wd.kh(), wd.sh(), wd.ph());
        int wo = outputLength(w, wd.kw(), wd.sw(), wd.pw());
        if (ho < 1 || wo < 1) {
            throw new ShapeException(where + ": input " + Shape.str(s) + " is smaller than the window");
        }
        float[] x = bottoms[0].data();
        int planes = s[0] * s[1];
        float[] y = new float[planes * ho * wo];
        for (int p = 0; p < planes; p++) {
            int base = p * h * w;
            int o = p * ho * wo;
            for (int oy = 0; oy < ho; oy++) {
                int y0 = oy * wd.sh() - wd.ph();
                for (int ox = 0; ox < wo; ox++, o++) {
                    int x0 = ox * wd.sw() - wd.pw();
                    y[o] = max ? windowMax(x, base, w, h, y0, x0, wd) : windowAverage(x, base, w, h, y0, x0, wd);
                }
            }
        }
        return new Tensor[] {Tensor.of(y, s[0], s[1], ho, wo)};
    }

    private int outputLength(int length, int k, int stride, int pad) {
        int span = length + 2 * pad - k;
        int out = (ceil ? Math.ceilDiv(span, stride) : Math.floorDiv(span, stride)) + 1;
        if (pad > 0 && (out - 1) * stride >= length + pad) {
            out--;
        }
        return out;
    }

    // Caffe starts from -FLT_MAX, so a window with no input element gives -FLT_MAX, not -inf.
    private static float windowMax(float[] x, int base, int w, int h, int y0, int x0, Window wd) {
        int y1 = Math.min(y0 + wd.kh(), h);
        int x1 = Math.min(x0 + wd.kw(), w);
        float m = -Float.MAX_VALUE;
        for (int iy = Math.max(y0, 0); iy < y1; iy++) {
            int row = base + iy * w;
            for (int ix = Math.max(x0, 0); ix < x1; ix++) {
                if (x[row + ix] > m) {
                    m = x[row + ix];
                }
            }
        }
        return m;
    }

    private static float windowAverage(float[] x, int base, int w, int h, int y0, int x0, Window wd) {
        int y1 = Math.min(y0 + wd.kh(), h + wd.ph());
        int x1 = Math.min(x0 + wd.kw(), w + wd.pw());
        int divisor = (y1 - y0) * (x1 - x0);
        float sum = 0f;
        for (int iy = Math.max(y0, 0); iy < Math.min(y1, h); iy++) {
            int row = base + iy * w;
            for (int ix = Math.max(x0, 0); ix < Math.min(x1, w); ix++) {
                sum += x[row + ix];
            }
        }
        return sum / divisor;
    }
}
