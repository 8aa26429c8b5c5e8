package vigil.io.caffe.layers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import vigil.io.caffe.LayerSpec;
import vigil.io.protobuf.TextMessage;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;

/**
 * SSD Caffe's "PriorBox": the default boxes of one feature map. Bottoms: the feature map [N, C, Hf, Wf]
 * and the image [N, C, H, W] (only their sizes are read). Output [1, 2, Hf * Wf * priors * 4]: channel 0
 * the boxes (xmin, ymin, xmax, ymax) normalised by the image size, channel 1 their variances.
 *
 * <p>Per cell, row-major, the priors are, for each min_size in order: a min_size square, then (with
 * max_size) a sqrt(min_size * max_size) square, then one box per aspect ratio other than 1 (width
 * min_size sqrt(ar), height min_size / sqrt(ar)); aspect ratios are deduplicated and, with flip
 * (default true), each is followed by its reciprocal. Cell centres sit at (x + offset) * step, the
 * step given or image size / feature size. clip (default false, Caffe's default) clamps to [0, 1].
 * Arithmetic is float, as in OpenCV, so the boxes match its output bit for bit.
 */
final class PriorBoxLayer implements CaffeLayer {
    private final String where;
    private final float[] widths;
    private final float[] heights;
    private final float[] variance;
    private final boolean clip;
    private final float offset;
    private final float stepH;
    private final float stepW;
    private final int imgH;
    private final int imgW;

    PriorBoxLayer(LayerSpec spec) throws IOException {
        where = spec.where();
        TextMessage p = spec.param("prior_box_param");
        List<Float> minSizes = p.floats("min_size");
        List<Float> maxSizes = p.floats("max_size");
        if (minSizes.isEmpty() || (!maxSizes.isEmpty() && maxSizes.size() != minSizes.size())) {
            throw spec.error("needs min_size, and max_size as often as min_size or not at all");
        }
        List<Float> ratios = aspectRatios(p.floats("aspect_ratio"), p.bool("flip", true));
        List<Float> w = new ArrayList<>();
        List<Float> h = new ArrayList<>();
        for (int i = 0; i < minSizes.size(); i++) {
            float min = minSizes.get(i);
            if (min <= 0) {
                throw spec.error("min_size " + min + " must be positive");
            }
            w.add(min);
            h.add(min);
            if (!maxSizes.isEmpty()) {
                float max = maxSizes.get(i);
                if (max <= min) {
                    throw spec.error("max_size " + max + " must exceed min_size " + min);
                }
                float side = (float) Math.sqrt(min * max);
                w.add(side);
                h.add(side);
            }
            for (float ar : ratios) {
                float root = (float) Math.sqrt(ar);
                w.add(min * root);
                h.add(min / root);
            }
        }
        widths = toArray(w);
        heights = toArray(h);
        variance = variances(spec, p.floats("variance"));
        clip = p.bool("clip", false);
        offset = p.floatValue("offset", 0.5f);
        int[] img = pair(spec, p, "img_size", "img_h", "img_w");
        imgH = img[0];
        imgW = img[1];
        float step = p.floatValue("step", 0f);
        boolean split = p.has("step_h") || p.has("step_w");
        if (split && (p.has("step") || !p.has("step_h") || !p.has("step_w"))) {
            throw spec.error("give step, or both step_h and step_w");
        }
        stepH = split ? p.floatValue("step_h", 0f) : step;
        stepW = split ? p.floatValue("step_w", 0f) : step;
        if (stepH < 0 || stepW < 0 || (split && (stepH == 0 || stepW == 0))) {
            throw spec.error("steps must be positive");
        }
    }

    // [1, 1 + ars...] less the 1: Caffe's list starts with 1 and skips ratios within 1e-6 of one it has.
    private static List<Float> aspectRatios(List<Float> given, boolean flip) {
        List<Float> all = new ArrayList<>(List.of(1f));
        for (float ar : given) {
            boolean known = false;
            for (float k : all) {
                known |= Math.abs(ar - k) < 1e-6;
            }
            if (!known) {
                all.add(ar);
                if (flip) {
                    all.add((float) (1.0 / ar));
                }
            }
        }
        return all.subList(1, all.size());
    }

    private static float[] variances(LayerSpec spec, List<Float> v) throws IOException {
        if (v.isEmpty()) {
            return new float[] {0.1f, 0.1f, 0.1f, 0.1f};
        }
        if (v.size() != 1 && v.size() != 4) {
            throw spec.error("variance needs 1 or 4 values, got " + v.size());
        }
        float[] out = new float[4];
        for (int i = 0; i < 4; i++) {
            out[i] = v.get(v.size() == 1 ? 0 : i);
            if (out[i] <= 0) {
                throw spec.error("variance " + out[i] + " must be positive");
            }
        }
        return out;
    }

    // (h, w) from img_size or img_h / img_w; 0 means "take it from the image bottom".
    private static int[] pair(LayerSpec spec, TextMessage p, String both, String h, String w) throws IOException {
        if (p.has(both)) {
            if (p.has(h) || p.has(w)) {
                throw spec.error("gives both " + both + " and " + h + "/" + w);
            }
            int v = p.intValue(both, 0);
            return new int[] {v, v};
        }
        if (p.has(h) != p.has(w)) {
            throw spec.error("gives only one of " + h + " and " + w);
        }
        return new int[] {p.intValue(h, 0), p.intValue(w, 0)};
    }

    @Override
    public Tensor[] forward(Tensor[] bottoms) {
        if (bottoms.length != 2 || bottoms[0].rank() != 4 || bottoms[1].rank() != 4) {
            throw new ShapeException(where + ": expects a feature map and an image, both [N, C, H, W]");
        }
        int fh = bottoms[0].dim(2);
        int fw = bottoms[0].dim(3);
        float imageH = imgH > 0 ? imgH : bottoms[1].dim(2);
        float imageW = imgW > 0 ? imgW : bottoms[1].dim(3);
        float sh = stepH > 0 ? stepH : imageH / fh;
        float sw = stepW > 0 ? stepW : imageW / fw;
        int count = fh * fw * widths.length * 4;
        float[] out = new float[2 * count];
        int k = 0;
        for (int y = 0; y < fh; y++) {
            for (int x = 0; x < fw; x++) {
                float cx = (x + offset) * sw;
                float cy = (y + offset) * sh;
                for (int i = 0; i < widths.length; i++) {
                    float halfW = widths[i] * 0.5f;
                    float halfH = heights[i] * 0.5f;
                    out[k++] = (cx - halfW) / imageW;
                    out[k++] = (cy - halfH) / imageH;
                    out[k++] = (cx + halfW) / imageW;
                    out[k++] = (cy + halfH) / imageH;
                }
            }
        }
        if (clip) {
            for (int i = 0; i < count; i++) {
                out[i] = Math.min(Math.max(out[i], 0f), 1f);
            }
        }
        for (int i = 0; i < count; i++) {
            out[count + i] = variance[i % 4];
        }
        return new Tensor[] {Tensor.of(out, 1, 2, count)};
    }

    private static float[] toArray(List<Float> v) {
        float[] a = new float[v.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = v.get(i);
        }
        return a;
    }
}
