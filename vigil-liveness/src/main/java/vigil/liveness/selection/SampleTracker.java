package vigil.liveness.selection;

import java.util.Arrays;

/**
 * Records, during training, what each sample's training-time forward pass said about it: whether it
 * was classified correctly at every presentation (for forgetting events) and, at one early
 * "score epoch", its EL2N, last-layer gradient norm and confidence loss. Samples are addressed by
 * their index 0..n-1 in the training set; each must be presented once per epoch.
 */
public final class SampleTracker {
    private static final byte ABSENT = -1;

    private final int samples;
    private final int epochs;
    private final int scoreEpoch;
    private final byte[] correct;
    private final float[] el2n;
    private final float[] gradNorm;
    private final float[] confidence;

    /** Tracks epochs 1..epochs; the scores are taken from the forward passes of scoreEpoch. */
    public SampleTracker(int samples, int epochs, int scoreEpoch) {
        if (scoreEpoch < 1 || scoreEpoch > epochs) {
            throw new IllegalArgumentException("score epoch " + scoreEpoch + " is outside the tracked epochs 1.." + epochs);
        }
        this.samples = samples;
        this.epochs = epochs;
        this.scoreEpoch = scoreEpoch;
        this.correct = new byte[samples * epochs];
        Arrays.fill(correct, ABSENT);
        this.el2n = filledNaN(samples);
        this.gradNorm = filledNaN(samples);
        this.confidence = filledNaN(samples);
    }

    /**
     * One training batch's forward pass: probs [B, C] (softmax), labels [B], features [B, H] (the last
     * layer's input), indices [B] (the samples' positions in the training set).
     */
    public void record(int epoch, int[] indices, float[] probs, long[] labels, int classes, float[] features, int hidden) {
        if (epoch < 1 || epoch > epochs) {
            throw new IllegalArgumentException("epoch " + epoch + " is outside the tracked epochs 1.." + epochs);
        }
        boolean[] ok = PerSampleScores.correct(probs, labels, classes);
        for (int i = 0; i < indices.length; i++) {
            correct[(epoch - 1) * samples + indices[i]] = (byte) (ok[i] ? 1 : 0);
        }
        if (epoch == scoreEpoch) {
            float[] e = PerSampleScores.el2n(probs, labels, classes);
            float[] g = PerSampleScores.lastLayerGradNorm(probs, labels, classes, features, hidden);
            float[] c = PerSampleScores.confidenceLoss(probs, classes);
            for (int i = 0; i < indices.length; i++) {
                el2n[indices[i]] = e[i];
                gradNorm[indices[i]] = g[i];
                confidence[indices[i]] = c[i];
            }
        }
    }

    /** The scores of every sample; ids[i] and labels[i] name sample i. Fails if a sample was never seen. */
    public SampleScores scores(String[] ids, int[] labels) {
        if (ids.length != samples || labels.length != samples) {
            throw new IllegalArgumentException(ids.length + " ids and " + labels.length + " labels for " + samples + " samples");
        }
        boolean[][] histories = new boolean[samples][epochs];
        for (int s = 0; s < samples; s++) {
            for (int e = 0; e < epochs; e++) {
                byte v = correct[e * samples + s];
                if (v == ABSENT) {
                    throw new IllegalStateException("sample " + ids[s] + " was not presented in epoch " + (e + 1));
                }
                histories[s][e] = v == 1;
            }
        }
        return new SampleScores(ids, labels, histories, el2n.clone(), gradNorm.clone(), confidence.clone());
    }

    private static float[] filledNaN(int n) {
        float[] a = new float[n];
        Arrays.fill(a, Float.NaN);
        return a;
    }
}
