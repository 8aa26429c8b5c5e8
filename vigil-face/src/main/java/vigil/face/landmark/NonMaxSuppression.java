package vigil.face.landmark;

import java.util.ArrayList;
import java.util.List;

/**
 * face-api's greedy NMS: repeatedly keep the best remaining box and drop those overlapping it by
 * more than the IoU threshold. Ties in score keep face-api's order (its stable ascending sort pops
 * the later index first). IoU does not depend on a uniform rescale, so relative boxes serve.
 */
final class NonMaxSuppression {
    private NonMaxSuppression() {
    }

    /** boxes: {left, top, right, bottom, score}; returns kept indices, best first. */
    static List<Integer> keep(List<double[]> boxes, double iouThreshold) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Double.compare(boxes.get(a)[4], boxes.get(b)[4]));
        List<Integer> kept = new ArrayList<>();
        while (!order.isEmpty()) {
            int current = order.remove(order.size() - 1);
            kept.add(current);
            List<Integer> rest = new ArrayList<>();
            for (int i : order) {
                if (iou(boxes.get(current), boxes.get(i)) <= iouThreshold) {
                    rest.add(i);
                }
            }
            order = rest;
        }
        return kept;
    }

    static double iou(double[] a, double[] b) {
        double w = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
        double h = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
        double inter = w * h;
        double areaA = (a[2] - a[0]) * (a[3] - a[1]);
        double areaB = (b[2] - b[0]) * (b[3] - b[1]);
        return inter / (areaA + areaB - inter);
    }
}
