package vigil.io.caffe.layers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * SSD's greedy per-class non-maximum suppression ("NMSFast" in Caffe and OpenCV) over normalised
 * boxes [xmin, ymin, xmax, ymax] packed in a float[4 * count]: candidates scoring above the
 * threshold, best first (ties in index order), at most topK of them (topK <= 0: all); a candidate is
 * kept when its overlap with every box kept so far is <= the NMS threshold, which shrinks by eta
 * after each keep while above 0.5 (eta = 1: fixed). Float arithmetic, as both implementations use.
 */
final class NonMaxSuppression {
    private NonMaxSuppression() {
    }

    /** The kept box indices, best score first. */
    static List<Integer> select(float[] boxes, float[] scores, float scoreThreshold, float nmsThreshold, float eta,
                                int topK) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] > scoreThreshold) {
                candidates.add(i);
            }
        }
        candidates.sort(Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        if (topK > 0 && topK < candidates.size()) {
            candidates = candidates.subList(0, topK);
        }
        List<Integer> kept = new ArrayList<>();
        float threshold = nmsThreshold;
        for (int idx : candidates) {
            boolean keep = true;
            for (int k = 0; k < kept.size() && keep; k++) {
                keep = jaccard(boxes, idx, kept.get(k)) <= threshold;
            }
            if (keep) {
                kept.add(idx);
                if (eta < 1 && threshold > 0.5f) {
                    threshold *= eta;
                }
            }
        }
        return kept;
    }

    /** Intersection over union of boxes a and b; 0 when they do not overlap. */
    static float jaccard(float[] boxes, int a, int b) {
        float ixmin = Math.max(boxes[4 * a], boxes[4 * b]);
        float iymin = Math.max(boxes[4 * a + 1], boxes[4 * b + 1]);
        float ixmax = Math.min(boxes[4 * a + 2], boxes[4 * b + 2]);
        float iymax = Math.min(boxes[4 * a + 3], boxes[4 * b + 3]);
        float inter = area(ixmin, iymin, ixmax, iymax);
        if (inter <= 0) {
            return 0f;
        }
        float sa = area(boxes[4 * a], boxes[4 * a + 1], boxes[4 * a + 2], boxes[4 * a + 3]);
        float sb = area(boxes[4 * b], boxes[4 * b + 1], boxes[4 * b + 2], boxes[4 * b + 3]);
        return inter / (sa + sb - inter);
    }

    // An inverted box (max < min) has no area.
    private static float area(float xmin, float ymin, float xmax, float ymax) {
        if (xmax < xmin || ymax < ymin) {
            return 0f;
        }
        return (xmax - xmin) * (ymax - ymin);
    }
}
