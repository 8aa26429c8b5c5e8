package vigil.liveness.train;

/** Probabilities from raw logits, in double with the row maximum subtracted so large logits cannot overflow. */
public final class LogitMath {
    private LogitMath() {
    }

    /** softmax(logits[row, :])[cls] of logits [rows, classes]. */
    public static double softmaxAt(float[] logits, int row, int classes, int cls) {
        int base = row * classes;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            max = Math.max(max, logits[base + k]);
        }
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            sum += Math.exp(logits[base + k] - max);
        }
        return Math.exp(logits[base + cls] - max) / sum;
    }

    /** Row-wise softmax of logits [rows, classes]. */
    public static float[] softmaxRows(float[] logits, int classes) {
        float[] p = new float[logits.length];
        for (int r = 0; r < logits.length / classes; r++) {
            for (int c = 0; c < classes; c++) {
                p[r * classes + c] = (float) softmaxAt(logits, r, classes, c);
            }
        }
        return p;
    }

    /** How many rows of logits [rows, classes] have their first arg max equal to the label. */
    public static int correctArgMax(float[] logits, int classes, long[] labels) {
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            int arg = 0;
            for (int k = 1; k < classes; k++) {
                if (logits[i * classes + k] > logits[i * classes + arg]) {
                    arg = k;
                }
            }
            right += arg == labels[i] ? 1 : 0;
        }
        return right;
    }
}
