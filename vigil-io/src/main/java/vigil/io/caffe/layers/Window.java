package vigil.io.caffe.layers;

import java.io.IOException;
import vigil.io.caffe.LayerSpec;
import vigil.io.protobuf.TextMessage;

/**
 * The 2-D window of a convolution or pooling: kernel, stride, padding and dilation as (h, w). Caffe
 * writes each as one value for both axes (kernel_size: 3), one value per axis (kernel_size: 3
 * kernel_size: 5, repeated fields of ConvolutionParameter), or as the _h / _w pair.
 */
record Window(int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {

    static Window read(LayerSpec spec, TextMessage p, boolean kernelRequired) throws IOException {
        int[] k = pair(spec, p, "kernel_size", "kernel_h", "kernel_w", kernelRequired ? -1 : 0);
        int[] s = pair(spec, p, "stride", "stride_h", "stride_w", 1);
        int[] d = pair(spec, p, "dilation", "dilation_h", "dilation_w", 1);
        int[] pad = pair(spec, p, "pad", "pad_h", "pad_w", 0);
        if (kernelRequired && (k[0] < 1 || k[1] < 1)) {
            throw spec.error("kernel size must be positive, got " + k[0] + "x" + k[1]);
        }
        if (s[0] < 1 || s[1] < 1 || d[0] < 1 || d[1] < 1 || pad[0] < 0 || pad[1] < 0) {
            throw spec.error("stride and dilation must be >= 1 and pad >= 0, got stride " + s[0] + "x" + s[1]
                    + ", dilation " + d[0] + "x" + d[1] + ", pad " + pad[0] + "x" + pad[1]);
        }
        return new Window(k[0], k[1], s[0], s[1], pad[0], pad[1], d[0], d[1]);
    }

    // (h, w) from the repeated field or the _h/_w pair; fallback -1 means required.
    private static int[] pair(LayerSpec spec, TextMessage p, String both, String h, String w, int fallback)
            throws IOException {
        int[] values = p.ints(both);
        boolean split = p.has(h) || p.has(w);
        if (split) {
            if (values.length > 0) {
                throw spec.error("gives both " + both + " and " + h + "/" + w);
            }
            if (!p.has(h) || !p.has(w)) {
                throw spec.error("gives only one of " + h + " and " + w);
            }
            return new int[] {p.intValue(h, 0), p.intValue(w, 0)};
        }
        return switch (values.length) {
            case 0 -> {
                if (fallback < 0) {
                    throw spec.error("has no " + both + " (nor " + h + "/" + w + ")");
                }
                yield new int[] {fallback, fallback};
            }
            case 1 -> new int[] {values[0], values[0]};
            case 2 -> new int[] {values[0], values[1]};
            default -> throw spec.error(both + " given " + values.length + " times; a 2-D layer takes 1 or 2");
        };
    }
}
