package vigil.liveness.train;

import vigil.tensor.ShapeException;
import vigil.tensor.Shape;
import vigil.tensor.Tensor;
import vigil.tensor.loss.CrossEntropy;
import vigil.tensor.loss.Loss;

/**
 * Class logits [B, C] against class indices [B] (int64): a loss (cross-entropy by default), accuracy
 * by arg-max (the first maximum on ties). With a live class (Silent-Face's 3-class scheme uses 1),
 * the live score is that class's softmax probability and a target is live when it equals it; the
 * other classes count as attacks of type "class &lt;k&gt;".
 *
 * @param liveClass the live class index, or -1 for a plain classifier without PAD metrics
 */
public record ClassificationObjective(Loss criterion, int liveClass) implements Objective {

    public static ClassificationObjective crossEntropy(int liveClass) {
        return new ClassificationObjective(CrossEntropy.mean(), liveClass);
    }

    @Override
    public Tensor loss(Tensor output, Tensor targets) {
        return criterion.apply(output, targets);
    }

    @Override
    public int correct(Tensor output, Tensor targets) {
        check(output, targets);
        int c = output.dim(1);
        float[] logits = output.data();
        long[] labels = targets.longs();
        return LogitMath.correctArgMax(logits, c, labels);
    }

    @Override
    public boolean scoresLiveness() {
        return liveClass >= 0;
    }

    @Override
    public double[] liveScores(Tensor output) {
        int b = output.dim(0);
        int c = output.dim(1);
        float[] logits = output.data();
        double[] scores = new double[b];
        for (int i = 0; i < b; i++) {
            scores[i] = LogitMath.softmaxAt(logits, i, c, liveClass);
        }
        return scores;
    }

    @Override
    public boolean[] isLive(Tensor targets) {
        long[] labels = targets.longs();
        boolean[] live = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            live[i] = labels[i] == liveClass;
        }
        return live;
    }

    private static void check(Tensor output, Tensor targets) {
        if (output.rank() != 2 || targets.rank() != 1 || output.dim(0) != targets.dim(0)) {
            throw new ShapeException("ClassificationObjective: expected logits [B, C] and targets [B], got "
                    + Shape.str(output.shape()) + " and " + Shape.str(targets.shape()));
        }
    }
}
