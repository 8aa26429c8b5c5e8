package vigil.io.caffe.layers;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import vigil.io.caffe.LayerSpec;
import vigil.io.protobuf.TextMessage;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;

/**
 * SSD Caffe's "DetectionOutput": decodes box regressions against the priors, runs per-class NMS and
 * keeps the best keep_top_k detections per image.
 *
 * <p>Bottoms: loc [N, P * L * 4] (L = 1 with share_location, else num_classes), conf [N, P * C]
 * (class probabilities, prior-major), priors [1, 2, P * 4] (boxes, then variances; [1, 1, P * 4]
 * with variance_encoded_in_target). Output [1, 1, R, 7], rows [image, label, confidence, xmin, ymin,
 * xmax, ymax] in normalised coordinates, laid out as OpenCV's DNN lays it out: image by image, each
 * image's rows sorted by confidence, best first, then zero rows up to R = keep_top_k * N (R = max(kept, 1) when
 * keep_top_k is not set). Defaults are caffe.proto's (code_type CORNER, no confidence threshold).
 *
 * <p>CENTER_SIZE decoding with prior (x0, y0, x1, y1), variances v and regression t:
 * centre = v0 t0 * pw + pcx, width = exp(v2 t2) * pw (likewise y); CORNER adds v t to the corners.
 * The arithmetic mixes float and double exactly where OpenCV's does, so boxes agree to the last bits.
 */
final class DetectionOutputLayer implements CaffeLayer {
    private final String where;
    private final int numClasses;
    private final boolean shareLocation;
    private final int background;
    private final float nmsThreshold;
    private final int topK;
    private final float eta;
    private final boolean centerSize;
    private final boolean varianceInTarget;
    private final int keepTopK;
    private final float confidenceThreshold;

    DetectionOutputLayer(LayerSpec spec) throws IOException {
        where = spec.where();
        TextMessage p = spec.param("detection_output_param");
        numClasses = p.intValue("num_classes", 0);
        shareLocation = p.bool("share_location", true);
        background = p.intValue("background_label_id", 0);
        TextMessage nms = p.message("nms_param");
        nmsThreshold = nms.floatValue("nms_threshold", 0.3f);
        topK = nms.intValue("top_k", -1);
        eta = nms.floatValue("eta", 1f);
        String code = p.enumName("code_type", "CORNER");
        centerSize = switch (code) {
            case "CENTER_SIZE", "2" -> true;
            case "CORNER", "1" -> false;
            default -> throw spec.error("code_type " + code + " is not supported (CORNER, CENTER_SIZE)");
        };
        varianceInTarget = p.bool("variance_encoded_in_target", false);
        keepTopK = p.intValue("keep_top_k", -1);
        confidenceThreshold = p.floatValue("confidence_threshold", -Float.MAX_VALUE);
        if (numClasses < 1 || nmsThreshold <= 0 || eta <= 0 || eta > 1) {
            throw spec.error("needs num_classes >= 1, nms_threshold > 0 and 0 < eta <= 1");
        }
        if (spec.bottoms().size() != 3) {
            throw spec.error("needs 3 bottoms (loc, conf, priors), has " + spec.bottoms().size());
        }
    }

    /** One kept detection before output: image, class, prior index and score. */
    private record Kept(int image, int label, int prior, float score) {
    }

    @Override
    public Tensor[] forward(Tensor[] bottoms) {
        Tensor priors = bottoms[2];
        int n = bottoms[0].dim(0);
        int locClasses = shareLocation ? 1 : numClasses;
        if (priors.rank() != 3 || priors.dim(1) != (varianceInTarget ? 1 : 2) || priors.dim(2) % 4 != 0) {
            throw new ShapeException(where + ": priors " + Shape.str(priors.shape()) + ", expected [1, "
                    + (varianceInTarget ? 1 : 2) + ", P * 4]");
        }
        int p = priors.dim(2) / 4;
        if (bottoms[0].numel() != n * p * locClasses * 4 || bottoms[1].numel() != n * p * numClasses) {
            throw new ShapeException(where + ": loc " + Shape.str(bottoms[0].shape()) + " and conf "
                    + Shape.str(bottoms[1].shape()) + " do not fit " + p + " priors, " + numClasses + " classes");
        }
        float[] loc = bottoms[0].data();
        float[] conf = bottoms[1].data();
        float[] prior = priors.data();
        List<Kept> all = new ArrayList<>();
        List<float[]> boxesPerImage = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[][] boxes = new float[locClasses][];
            for (int c = 0; c < locClasses; c++) {
                boxes[c] = decode(loc, (i * p * locClasses) * 4, locClasses, c, prior, p);
            }
            List<Kept> kept = detect(i, boxes, conf, i * p * numClasses, p);
            kept.sort(Comparator.comparingDouble((Kept k) -> k.score()).reversed());
            all.addAll(kept);
            boxesPerImage.add(flatten(boxes));
        }
        int rows = keepTopK > 0 ? keepTopK * n : Math.max(all.size(), 1);
        float[] out = new float[rows * 7];
        for (int r = 0; r < all.size(); r++) {
            Kept k = all.get(r);
            float[] boxes = boxesPerImage.get(k.image());
            int b = ((shareLocation ? 0 : k.label()) * p + k.prior()) * 4;
            out[7 * r] = k.image();
            out[7 * r + 1] = k.label();
            out[7 * r + 2] = k.score();
            System.arraycopy(boxes, b, out, 7 * r + 3, 4);
        }
        return new Tensor[] {Tensor.of(out, 1, 1, rows, 7)};
    }

    // One image: NMS per class, then the keep_top_k best over all classes.
    private List<Kept> detect(int image, float[][] boxes, float[] conf, int confOff, int p) {
        List<Kept> kept = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            if (c == background) {
                continue;
            }
            float[] scores = new float[p];
            for (int j = 0; j < p; j++) {
                scores[j] = conf[confOff + j * numClasses + c];
            }
            float[] classBoxes = boxes[shareLocation ? 0 : c];
            for (int idx : NonMaxSuppression.select(classBoxes, scores, confidenceThreshold, nmsThreshold, eta, topK)) {
                kept.add(new Kept(image, c, idx, scores[idx]));
            }
        }
        if (keepTopK > -1 && kept.size() > keepTopK) {
            kept.sort(Comparator.comparingDouble((Kept k) -> k.score()).reversed());
            kept = new ArrayList<>(kept.subList(0, keepTopK));
        }
        return kept;
    }

    // loc at off: per prior, locClasses groups of 4 -> the boxes of class group c, [p * 4].
    private float[] decode(float[] loc, int off, int locClasses, int c, float[] prior, int p) {
        float[] out = new float[p * 4];
        for (int j = 0; j < p; j++) {
            int l = off + (j * locClasses + c) * 4;
            int v = (p + j) * 4;
            float t0 = varianceInTarget ? loc[l] : prior[v] * loc[l];
            float t1 = varianceInTarget ? loc[l + 1] : prior[v + 1] * loc[l + 1];
            float t2 = varianceInTarget ? loc[l + 2] : prior[v + 2] * loc[l + 2];
            float t3 = varianceInTarget ? loc[l + 3] : prior[v + 3] * loc[l + 3];
            float x0 = prior[4 * j];
            float y0 = prior[4 * j + 1];
            float x1 = prior[4 * j + 2];
            float y1 = prior[4 * j + 3];
            if (centerSize) {
                float pw = x1 - x0;
                float ph = y1 - y0;
                float pcx = (float) (x0 + pw * 0.5);
                float pcy = (float) (y0 + ph * 0.5);
                float cx = t0 * pw + pcx;
                float cy = t1 * ph + pcy;
                float w = (float) Math.exp(t2) * pw;
                float h = (float) Math.exp(t3) * ph;
                out[4 * j] = (float) (cx - w * 0.5);
                out[4 * j + 1] = (float) (cy - h * 0.5);
                out[4 * j + 2] = (float) (cx + w * 0.5);
                out[4 * j + 3] = (float) (cy + h * 0.5);
            } else {
                out[4 * j] = x0 + t0;
                out[4 * j + 1] = y0 + t1;
                out[4 * j + 2] = x1 + t2;
                out[4 * j + 3] = y1 + t3;
            }
        }
        return out;
    }

    private static float[] flatten(float[][] parts) {
        int len = 0;
        for (float[] a : parts) {
            len += a.length;
        }
        float[] out = new float[len];
        int k = 0;
        for (float[] a : parts) {
            System.arraycopy(a, 0, out, k, a.length);
            k += a.length;
        }
        return out;
    }
}
