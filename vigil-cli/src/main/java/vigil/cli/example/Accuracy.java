package vigil.cli.example;

import vigil.tensor.Tensor;
import vigil.tensor.ops.Reductions;

/** Counts correct arg-max predictions. */
final class Accuracy {
    private Accuracy() {
    }

    /** Number of rows of logits [N, C] whose arg-max equals the int64 label. */
    static int correct(Tensor logits, Tensor labels) {
        int[] pred = Reductions.argmaxLastDim(logits);
        long[] y = labels.longs();
        int c = 0;
        for (int i = 0; i < pred.length; i++) {
            if (pred[i] == y[i]) {
                c++;
            }
        }
        return c;
    }
}
