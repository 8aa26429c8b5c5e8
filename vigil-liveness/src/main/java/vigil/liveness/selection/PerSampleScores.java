package vigil.liveness.selection;

/**
 * Per-sample difficulty scores of one batch, computed in closed form from the softmax output (and,
 * for the gradient norm, the last layer's input), so no per-sample backward pass is needed.
 *
 * <pre>
 * probs    [B, C]  softmax of the logits
 * labels   [B]     class indices
 * features [B, H]  the input h of the last layer logits = h W^T + b
 * </pre>
 */
public final class PerSampleScores {
    private PerSampleScores() {
    }

    /** EL2N (Paul et al. 2021): the L2 norm of the error vector p - onehot(y), one value per row. */
    public static float[] el2n(float[] probs, long[] labels, int classes) {
        int b = labels.length;
        float[] out = new float[b];
        for (int i = 0; i < b; i++) {
            out[i] = (float) Math.sqrt(errorSquaredNorm(probs, labels[i], i, classes));
        }
        return out;
    }

    /**
     * The norm of the cross-entropy gradient with respect to the last linear layer's weight and bias,
     * per sample. dL/dW = (p - y) h^T and dL/db = p - y, so the Frobenius norm of [dL/dW, dL/db] is
     * ||p - y|| * sqrt(||h||^2 + 1).
     */
    public static float[] lastLayerGradNorm(float[] probs, long[] labels, int classes, float[] features, int hidden) {
        int b = labels.length;
        if (features.length != b * hidden) {
            throw new IllegalArgumentException("features hold " + features.length + " values, expected " + b + " x " + hidden);
        }
        float[] out = new float[b];
        for (int i = 0; i < b; i++) {
            double h2 = 1;
            for (int k = 0; k < hidden; k++) {
                double v = features[i * hidden + k];
                h2 += v * v;
            }
            out[i] = (float) Math.sqrt(errorSquaredNorm(probs, labels[i], i, classes) * h2);
        }
        return out;
    }

    /**
     * The confidence loss we use for Dataset Culling (Yoshioka et al. 2019): 1 - max_c p_c, small when
     * the model is sure of its prediction (an easy sample to cull) whatever the label says; it needs
     * no label, as in the paper, where a student is scored before the teacher labels anything.
     */
    public static float[] confidenceLoss(float[] probs, int classes) {
        int b = probs.length / classes;
        float[] out = new float[b];
        for (int i = 0; i < b; i++) {
            float max = 0;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, probs[i * classes + c]);
            }
            out[i] = 1 - max;
        }
        return out;
    }

    /** Whether the arg-max of each row equals the label (ties go to the lower class, as argmax does). */
    public static boolean[] correct(float[] probs, long[] labels, int classes) {
        boolean[] out = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (probs[i * classes + c] > probs[i * classes + best]) {
                    best = c;
                }
            }
            out[i] = best == labels[i];
        }
        return out;
    }

    private static double errorSquaredNorm(float[] probs, long label, int row, int classes) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("label " + label + " of row " + row + " is outside 0.." + (classes - 1));
        }
        double s = 0;
        for (int c = 0; c < classes; c++) {
            double e = probs[row * classes + c] - (c == label ? 1 : 0);
            s += e * e;
        }
        return s;
    }
}
