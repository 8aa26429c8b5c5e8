package vigil.liveness.model;

import vigil.liveness.train.LogitMath;
import vigil.liveness.train.Objective;
import vigil.tensor.Tensor;
import vigil.tensor.loss.BinaryCrossEntropyWithLogits;
import vigil.tensor.loss.CrossEntropy;
import vigil.tensor.loss.FocalLoss;
import vigil.tensor.loss.L1Loss;
import vigil.tensor.loss.Loss;
import vigil.tensor.loss.MseLoss;
import vigil.tensor.loss.Reduction;
import vigil.tensor.loss.SoftmaxFocalLoss;

/**
 * The {@link Objective} of a {@link MultiTaskModel}: output and targets are packed as
 * {@link MultiTaskLayout} says (targets built with {@link MultiTaskTargets#pack}).
 *
 * <pre>
 * loss = w.live      * live loss (BCE / sigmoid focal on one logit; CE / softmax focal on classes), mean over the batch
 *      + w.spoofType * cross-entropy over samples whose spoof type is >= 0 (term absent when none is)
 *      + w.fourier   * MSE(Fourier map, target), mean over the batch's map elements
 *      + w.depth     * MSE or L1 over the map elements of samples that have depth (absent when none has)
 * </pre>
 * A prediction is live when the logit is >= 0 (one logit) or when the arg-max is liveClass; the live
 * score is sigmoid(logit) or the live class's softmax probability.
 *
 * @param liveClass the live class with several live outputs (Silent-Face: 1); with one logit label 1 is live
 */
public record MultiTaskObjective(MultiTaskLayout layout, LiveLoss liveLoss, LossWeights weights, DepthLoss depthLoss,
                                 int liveClass) implements Objective {
    public static final int SILENT_FACE_LIVE_CLASS = 1;
    private static final long NO_TYPE = -1;

    public MultiTaskObjective {
        if (layout.liveOutputs() > 1 && (liveClass < 0 || liveClass >= layout.liveOutputs())) {
            throw new IllegalArgumentException("MultiTaskObjective: live class " + liveClass + " is not one of the "
                    + layout.liveOutputs() + " live outputs");
        }
    }

    /** Cross-entropy live loss, the given weights, MSE depth, live class 1. */
    public static MultiTaskObjective of(MultiTaskLayout layout, LossWeights weights) {
        return new MultiTaskObjective(layout, LiveLoss.CROSS_ENTROPY, weights, DepthLoss.MSE, SILENT_FACE_LIVE_CLASS);
    }

    /** Every term, unweighted, and the weighted total. */
    public LossTerms terms(Tensor output, Tensor packedTargets) {
        MultiTaskOutput out = MultiTaskOutput.unpack(output, layout);
        MultiTaskTargets t = MultiTaskTargets.unpack(packedTargets, layout);
        Tensor live = liveTerm(out.live(), t.live());
        Tensor type = null;
        if (layout.hasSpoofType() && hasAnyType(t.spoofType())) {
            type = new CrossEntropy(Reduction.MEAN).withIgnoreIndex(NO_TYPE)
                    .apply(out.spoofType(), Tensor.ofLongs(t.spoofType(), t.size()));
        }
        Tensor fourier = layout.fourier() ? MseLoss.mean().apply(out.fourier(), t.fourier()) : null;
        Tensor depth = null;
        int withDepth = t.depthCount();
        if (layout.depth() && withDepth > 0) {
            Tensor mask = depthMask(t.hasDepth());
            Loss sum = depthLoss == DepthLoss.MSE ? new MseLoss(Reduction.SUM) : new L1Loss(Reduction.SUM);
            depth = sum.apply(out.depth().mul(mask), t.depth().mul(mask)).mul(1f / (withDepth * layout.mapSize()));
        }
        Tensor total = live.mul((float) weights.live());
        total = addWeighted(total, type, weights.spoofType());
        total = addWeighted(total, fourier, weights.fourier());
        total = addWeighted(total, depth, weights.depth());
        return new LossTerms(live, type, fourier, depth, total);
    }

    @Override
    public Tensor loss(Tensor output, Tensor targets) {
        return terms(output, targets).total();
    }

    @Override
    public int correct(Tensor output, Tensor targets) {
        double[] scores = liveScores(output);
        long[] labels = MultiTaskTargets.unpack(targets, layout).live();
        if (layout.liveOutputs() == 1) {
            int right = 0;
            for (int i = 0; i < scores.length; i++) {
                right += (scores[i] >= 0.5) == (labels[i] == 1) ? 1 : 0;
            }
            return right;
        }
        float[] logits = MultiTaskOutput.unpack(output, layout).live().contiguous().data();
        int c = layout.liveOutputs();
        return LogitMath.correctArgMax(logits, c, labels);
    }

    @Override
    public boolean scoresLiveness() {
        return true;
    }

    @Override
    public double[] liveScores(Tensor output) {
        float[] logits = MultiTaskOutput.unpack(output, layout).live().contiguous().data();
        int c = layout.liveOutputs();
        int n = logits.length / c;
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            if (c == 1) {
                scores[i] = 1 / (1 + Math.exp(-(double) logits[i]));
                continue;
            }
            scores[i] = LogitMath.softmaxAt(logits, i, c, liveClass);
        }
        return scores;
    }

    @Override
    public boolean[] isLive(Tensor targets) {
        long[] labels = MultiTaskTargets.unpack(targets, layout).live();
        long live = layout.liveOutputs() == 1 ? 1 : liveClass;
        boolean[] out = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = labels[i] == live;
        }
        return out;
    }

    private Tensor liveTerm(Tensor logits, long[] labels) {
        int n = labels.length;
        if (layout.liveOutputs() == 1) {
            float[] t = new float[n];
            for (int i = 0; i < n; i++) {
                t[i] = labels[i] == 1 ? 1f : 0f;
            }
            Loss loss = liveLoss == LiveLoss.FOCAL ? new FocalLoss(Reduction.MEAN, -1, LiveLoss.FOCAL_GAMMA)
                    : BinaryCrossEntropyWithLogits.mean();
            return loss.apply(logits.contiguous().reshape(n), Tensor.of(t, n));
        }
        Loss loss = liveLoss == LiveLoss.FOCAL ? new SoftmaxFocalLoss(Reduction.MEAN, LiveLoss.FOCAL_GAMMA)
                : CrossEntropy.mean();
        return loss.apply(logits.contiguous(), Tensor.ofLongs(labels, n));
    }

    private static boolean hasAnyType(long[] types) {
        for (long t : types) {
            if (t != NO_TYPE) {
                return true;
            }
        }
        return false;
    }

    private Tensor depthMask(boolean[] has) {
        int hw = layout.mapSize();
        float[] m = new float[has.length * hw];
        for (int i = 0; i < has.length; i++) {
            if (has[i]) {
                java.util.Arrays.fill(m, i * hw, (i + 1) * hw, 1f);
            }
        }
        return Tensor.of(m, has.length, 1, layout.mapHeight(), layout.mapWidth());
    }

    private static Tensor addWeighted(Tensor total, Tensor term, double weight) {
        return term == null || weight == 0 ? total : total.add(term.mul((float) weight));
    }
}
