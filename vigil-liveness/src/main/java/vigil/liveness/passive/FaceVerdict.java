package vigil.liveness.passive;

import java.util.List;
import vigil.face.detect.FaceBox;

/**
 * The passive-liveness judgement of one face: its box, the mean of the models' softmax vectors
 * (class 1 = live, 0 and 2 = spoof kinds), the winning class and its mean probability.
 */
public record FaceVerdict(FaceBox box, float[] probabilities, int label, float score) {
    public static final int LIVE_CLASS = 1;

    public boolean live() {
        return label == LIVE_CLASS;
    }

    /**
     * The verdict of an ensemble: the mean of the models' softmax vectors, summed in double as the
     * reference's float64 accumulator does, and its arg max (the first on ties).
     */
    public static FaceVerdict ofMean(FaceBox box, List<float[]> probabilities) {
        if (probabilities.isEmpty()) {
            throw new IllegalArgumentException("a face verdict needs at least one model's probabilities");
        }
        int classes = probabilities.get(0).length;
        double[] sum = new double[classes];
        for (float[] p : probabilities) {
            if (p.length != classes) {
                throw new IllegalStateException("liveness models disagree on the number of classes: "
                        + classes + " and " + p.length);
            }
            for (int i = 0; i < classes; i++) {
                sum[i] += p[i];
            }
        }
        int label = 0;
        for (int i = 1; i < classes; i++) {
            if (sum[i] > sum[label]) {
                label = i;
            }
        }
        float[] mean = new float[classes];
        for (int i = 0; i < classes; i++) {
            mean[i] = (float) (sum[i] / probabilities.size());
        }
        return new FaceVerdict(box, mean, label, mean[label]);
    }
}
