package vigil.liveness.train;

import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.loss.BinaryCrossEntropyWithLogits;

/**
 * One live/spoof logit per sample ([B] or [B, 1]) against int64 labels [B] (1 = live, 0 = attack, as
 * the datasets label them): binary cross-entropy on the logit, a prediction is live when the logit
 * is >= 0, and the live score is sigmoid(logit).
 */
public record BinaryLogitObjective(BinaryCrossEntropyWithLogits criterion) implements Objective {

    public static BinaryLogitObjective mean() {
        return new BinaryLogitObjective(BinaryCrossEntropyWithLogits.mean());
    }

    @Override
    public Tensor loss(Tensor output, Tensor targets) {
        Tensor logits = flat(output, targets);
        long[] labels = targets.longs();
        float[] t = new float[labels.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = labels[i] == 1 ? 1f : 0f;
        }
        return criterion.apply(logits, Tensor.of(t, t.length));
    }

    @Override
    public int correct(Tensor output, Tensor targets) {
        float[] logits = flat(output, targets).data();
        long[] labels = targets.longs();
        int right = 0;
        for (int i = 0; i < logits.length; i++) {
            right += (logits[i] >= 0) == (labels[i] == 1) ? 1 : 0;
        }
        return right;
    }

    @Override
    public boolean scoresLiveness() {
        return true;
    }

    @Override
    public double[] liveScores(Tensor output) {
        float[] logits = output.data();
        double[] scores = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            scores[i] = 1 / (1 + Math.exp(-(double) logits[i]));
        }
        return scores;
    }

    @Override
    public boolean[] isLive(Tensor targets) {
        long[] labels = targets.longs();
        boolean[] live = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            live[i] = labels[i] == 1;
        }
        return live;
    }

    /** output [B] or [B, 1] -> [B]. */
    private static Tensor flat(Tensor output, Tensor targets) {
        int b = targets.dim(0);
        boolean ok = targets.rank() == 1 && output.dim(0) == b
                && (output.rank() == 1 || (output.rank() == 2 && output.dim(1) == 1));
        if (!ok) {
            throw new ShapeException("BinaryLogitObjective: expected logits [B] or [B, 1] and labels [B], got "
                    + Shape.str(output.shape()) + " and " + Shape.str(targets.shape()));
        }
        return output.rank() == 1 ? output : output.reshape(b);
    }
}
