package vigil.liveness.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;

/**
 * The multi-task loss is the weighted sum of its terms, each recomputed here by hand in double from
 * the raw numbers (softplus / log-softmax / squared and absolute errors), not through the engine's
 * losses. Tolerance 1e-5 relative: the engine computes in float32 over a few dozen values.
 */
class MultiTaskObjectiveTest {
    private static final int N = 5;
    private static final long[] TYPES = {2, -1, 0, 3, -1};
    private static final boolean[] HAS_DEPTH = {true, false, true, true, false};

    @Test
    void threeClassLossIsTheWeightedSumOfCrossEntropyTypeFourierAndMaskedDepth() {
        MultiTaskLayout layout = new MultiTaskLayout(3, 4, 3, 2, true, true);
        Batch b = batch(layout, new long[] {1, 0, 2, 1, 1}, 3);
        LossWeights w = new LossWeights(0.7, 0.2, 0.5, 0.3);
        MultiTaskObjective objective = new MultiTaskObjective(layout, LiveLoss.CROSS_ENTROPY, w, DepthLoss.MSE, 1);
        LossTerms terms = objective.terms(b.output, b.targets);
        double live = 0;
        for (int i = 0; i < N; i++) {
            live += -logSoftmax(b.live, i, 3, (int) b.labels[i]);
        }
        live /= N;
        double type = 0;
        int typed = 0;
        for (int i = 0; i < N; i++) {
            if (TYPES[i] >= 0) {
                type += -logSoftmax(b.type, i, 4, (int) TYPES[i]);
                typed++;
            }
        }
        type /= typed;
        double fourier = meanError(b.fourier, b.fourierTarget, null, 6, 2);
        double depth = meanError(b.depth, b.depthTarget, HAS_DEPTH, 6, 2);
        assertClose(live, terms.live().item(), "live cross-entropy");
        assertClose(type, terms.spoofType().item(), "spoof-type cross-entropy over typed samples");
        assertClose(fourier, terms.fourier().item(), "Fourier MSE");
        assertClose(depth, terms.depth().item(), "depth MSE over samples with depth");
        assertClose(0.7 * live + 0.2 * type + 0.5 * fourier + 0.3 * depth, objective.loss(b.output, b.targets).item(),
                "weighted total");
    }

    @Test
    void oneLogitFocalLossWithL1DepthIsTheWeightedSumOfItsTerms() {
        MultiTaskLayout layout = new MultiTaskLayout(1, 0, 2, 2, false, true);
        Batch b = batch(layout, new long[] {1, 0, 0, 1, 1}, 1);
        LossWeights w = LossWeights.liveAndDepth();
        MultiTaskObjective objective = new MultiTaskObjective(layout, LiveLoss.FOCAL, w, DepthLoss.L1, 1);
        LossTerms terms = objective.terms(b.output, b.targets);
        double live = 0;
        for (int i = 0; i < N; i++) {
            double x = b.live[i];
            double t = b.labels[i];
            double p = 1 / (1 + Math.exp(-x));
            double ce = -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
            double pt = t == 1 ? p : 1 - p;
            live += ce * (1 - pt) * (1 - pt);
        }
        live /= N;
        double depth = meanError(b.depth, b.depthTarget, HAS_DEPTH, 4, 1);
        assertNull(terms.spoofType());
        assertNull(terms.fourier());
        assertClose(live, terms.live().item(), "sigmoid focal loss, gamma 2");
        assertClose(depth, terms.depth().item(), "depth L1 over samples with depth");
        assertClose(live + 0.3 * depth, terms.total().item(), "live + 0.3 x depth");
    }

    @Test
    void liveScoresAreTheLiveClassProbabilityAndLabelsRoundTrip() {
        MultiTaskLayout layout = new MultiTaskLayout(3, 4, 3, 2, true, true);
        Batch b = batch(layout, new long[] {1, 0, 2, 1, 1}, 3);
        MultiTaskObjective objective = MultiTaskObjective.of(layout, LossWeights.silentFace());
        double[] scores = objective.liveScores(b.output);
        for (int i = 0; i < N; i++) {
            assertEquals(Math.exp(logSoftmax(b.live, i, 3, 1)), scores[i], 1e-6, "live probability of sample " + i);
        }
        assertArrayEquals(new boolean[] {true, false, false, true, true}, objective.isLive(b.targets));
        MultiTaskTargets back = MultiTaskTargets.unpack(b.targets, layout);
        assertArrayEquals(TYPES, back.spoofType());
        assertArrayEquals(HAS_DEPTH, back.hasDepth());
    }

    private record Batch(Tensor output, Tensor targets, long[] labels, float[] live, float[] type, float[] fourier,
                         float[] fourierTarget, float[] depth, float[] depthTarget) {
    }

    private static Batch batch(MultiTaskLayout layout, long[] labels, int liveOutputs) {
        Rng rng = new Rng(5);
        int hw = layout.mapSize();
        float[] live = random(rng, N * liveOutputs, -2, 2);
        float[] type = layout.hasSpoofType() ? random(rng, N * layout.spoofTypes(), -2, 2) : null;
        float[] fourier = layout.fourier() ? random(rng, N * hw, 0, 1) : null;
        float[] fourierTarget = layout.fourier() ? random(rng, N * hw, 0, 1) : null;
        float[] depth = random(rng, N * hw, 0, 1);
        float[] depthTarget = random(rng, N * hw, 0, 1);
        int h = layout.mapHeight();
        int w = layout.mapWidth();
        MultiTaskOutput out = new MultiTaskOutput(Tensor.of(live, N, liveOutputs),
                type == null ? null : Tensor.of(type, N, layout.spoofTypes()),
                fourier == null ? null : Tensor.of(fourier, N, 1, h, w), Tensor.of(depth, N, 1, h, w));
        MultiTaskTargets t = new MultiTaskTargets(labels, TYPES, fourierTarget == null ? null
                : Tensor.of(fourierTarget, N, 1, h, w), Tensor.of(depthTarget, N, 1, h, w), HAS_DEPTH);
        return new Batch(out.pack(layout), t.pack(layout), labels, live, type, fourier, fourierTarget, depth,
                depthTarget);
    }

    private static float[] random(Rng rng, int n, float lo, float hi) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = rng.uniform(lo, hi);
        }
        return a;
    }

    private static double logSoftmax(float[] logits, int row, int classes, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, logits[row * classes + c]);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += Math.exp(logits[row * classes + c] - max);
        }
        return logits[row * classes + k] - max - Math.log(sum);
    }

    /** Mean of |p - t|^power over the rows kept by mask (all when null). */
    private static double meanError(float[] p, float[] t, boolean[] mask, int hw, int power) {
        double sum = 0;
        int rows = 0;
        for (int i = 0; i < N; i++) {
            if (mask != null && !mask[i]) {
                continue;
            }
            rows++;
            for (int k = 0; k < hw; k++) {
                sum += Math.pow(Math.abs(p[i * hw + k] - t[i * hw + k]), power);
            }
        }
        return sum / (rows * hw);
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-5 * Math.max(1, Math.abs(expected)), what);
    }
}
