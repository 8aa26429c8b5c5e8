package vigil.liveness.passive;

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
}
