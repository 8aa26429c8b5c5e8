package vigil.io.caffe;

import java.util.ArrayList;
import java.util.List;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;

/**
 * One row of an SSD DetectionOutput blob: image index in the batch, class label, confidence and the
 * box corners, normalised to [0, 1] of the input image (they may fall slightly outside).
 */
public record Detection(int image, int label, float confidence, float xmin, float ymin, float xmax, float ymax) {

    /**
     * The detections of a DetectionOutput blob [1, 1, R, 7], best first per image; the zero rows that
     * pad the blob to keep_top_k are dropped.
     */
    public static List<Detection> fromOutput(Tensor detectionOut) {
        int[] s = detectionOut.shape();
        if (s.length != 4 || s[0] != 1 || s[1] != 1 || s[3] != 7) {
            throw new ShapeException("detection output: expected [1, 1, R, 7], got " + Shape.str(s));
        }
        float[] d = detectionOut.data();
        List<Detection> out = new ArrayList<>();
        for (int r = 0; r < s[2]; r++) {
            int o = 7 * r;
            boolean padding = true;
            for (int k = 0; k < 7; k++) {
                padding &= d[o + k] == 0f;
            }
            if (!padding) {
                out.add(new Detection((int) d[o], (int) d[o + 1], d[o + 2], d[o + 3], d[o + 4], d[o + 5], d[o + 6]));
            }
        }
        return out;
    }
}
