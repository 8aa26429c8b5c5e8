package vigil.quant.qat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;
import vigil.tensor.nn.BatchNorm1d;
import vigil.tensor.nn.BatchNorm2d;
import vigil.tensor.nn.Conv2d;
import vigil.tensor.nn.Linear;
import vigil.tensor.ops.Conv2dOp;

/**
 * The folded convolution + batch norm against the unfolded pair it replaces. Without fake quantization
 * (quant delay not reached) the fold only reassociates float32 arithmetic: outputs of magnitude <= ~10
 * agree within 1e-4 absolute (a few hundred ulps: sums over 3x3x4 products taken in another order,
 * then scaled). Gradients are checked by finite differences with fake quantization off: with it on
 * the straight-through estimator differs from the true (zero almost everywhere) derivative by design.
 */
class FoldedConvBnTest {
    private static final float TOL = 1e-4f;

    private record Pair(Conv2d conv, BatchNorm2d bn) {
    }

    /** A grouped 3x3 conv (4 -> 6, groups 2, stride 2, pad 1) and a batch norm with non-trivial state. */
    private static Pair pair(long seed) {
        Rng rng = new Rng(seed);
        Conv2d conv = new Conv2d(4, 6, 3, 2, 1, 1, 2, false, rng);
        BatchNorm2d bn = new BatchNorm2d(6);
        fill(bn.weight(), rng, 0.5f, 1.5f);
        fill(bn.bias(), rng, -0.5f, 0.5f);
        fill(bn.runningMean(), rng, -0.3f, 0.3f);
        fill(bn.runningVar(), rng, 0.2f, 2f);
        return new Pair(conv, bn);
    }

    private static void fill(Tensor t, Rng rng, float lo, float hi) {
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.uniform(lo, hi);
        }
    }

    private static Tensor input(long seed) {
        Tensor x = GradCheck.randomInput(new Rng(seed), -2f, 2f, 3, 4, 7, 6);
        return x.requiresGrad(false);
    }

    private static QatSchedule floatOnly() {
        return new QatSchedule(Long.MAX_VALUE, Long.MAX_VALUE);
    }

    @Test
    void evaluationEqualsConvThenBatchNorm() {
        Pair p = pair(1);
        FoldedConvBn f = FoldedConvBn.conv("c", p.conv(), p.bn(), floatOnly());
        f.eval();
        p.bn().eval();
        Tensor x = input(2);
        assertArrayEquals(p.bn().forward(p.conv().forward(x)).data(), f.forward(x).data(), TOL);
    }

    @Test
    void liveTrainingEqualsBatchNormTrainingAndUpdatesTheSameRunningStats() {
        Pair folded = pair(3);
        Pair plain = pair(3);
        FoldedConvBn f = FoldedConvBn.conv("c", folded.conv(), folded.bn(), floatOnly());
        Tensor x = input(4);
        Tensor expected = plain.bn().forward(plain.conv().forward(x));
        assertArrayEquals(expected.data(), f.forward(x).data(), TOL);
        assertArrayEquals(plain.bn().runningMean().data(), folded.bn().runningMean().data(), 1e-6f);
        assertArrayEquals(plain.bn().runningVar().data(), folded.bn().runningVar().data(), 1e-5f);
        assertEquals(plain.bn().batchesTracked(), folded.bn().batchesTracked());
    }

    @Test
    void frozenTrainingUsesRunningStatsAndLeavesThemAlone() {
        Pair p = pair(5);
        float[] before = p.bn().runningMean().data().clone();
        FoldedConvBn f = FoldedConvBn.conv("c", p.conv(), p.bn(), new QatSchedule(Long.MAX_VALUE, 0));
        Tensor x = input(6);
        Tensor y = f.forward(x);
        p.bn().eval();
        assertArrayEquals(p.bn().forward(p.conv().forward(x)).data(), y.data(), TOL);
        assertArrayEquals(before, p.bn().runningMean().data(), 0f);
    }

    @Test
    void quantizedEvaluationConvolvesWithPerChannelInt8FoldedWeights() {
        Pair p = pair(7);
        FoldedConvBn f = FoldedConvBn.conv("c", p.conv(), p.bn(), QatSchedule.immediate());
        f.eval();
        Tensor x = input(8);
        Tensor y = f.forward(x);
        // independent: w_fold = w * gamma / sqrt(var + eps); codes round(w_fold / s_o), s_o = max|w_fold[o]| / 127
        float[] w = p.conv().weight().data();
        int per = w.length / 6;
        float[] q = new float[w.length];
        float[] bias = new float[6];
        for (int o = 0; o < 6; o++) {
            double k = p.bn().weight().data()[o] / Math.sqrt(p.bn().runningVar().data()[o] + 1e-5);
            double a = 0;
            for (int i = o * per; i < (o + 1) * per; i++) {
                a = Math.max(a, Math.abs(w[i] * k));
            }
            double s = a / 127;
            for (int i = o * per; i < (o + 1) * per; i++) {
                q[i] = (float) (Math.round(w[i] * k / s) * s);
            }
            bias[o] = (float) (p.bn().bias().data()[o] - k * p.bn().runningMean().data()[o]);
        }
        Tensor expected = Conv2dOp.conv2d(x, Tensor.of(q, p.conv().weight().shape()), Tensor.of(bias, 6),
                p.conv().stride(), p.conv().padding(), p.conv().dilation(), p.conv().groups());
        assertArrayEquals(expected.data(), y.data(), TOL);
    }

    @Test
    void liveTrainingGradientsPassGradCheck() {
        Pair p = pair(9);
        FoldedConvBn f = FoldedConvBn.conv("c", p.conv(), p.bn(), floatOnly());
        Tensor x = input(10).requiresGrad(true);
        GradCheck.Result r = GradCheck.check(t -> new Tensor[] {f.forward(t[0])},
                new Tensor[] {x, p.conv().weight(), p.bn().weight(), p.bn().bias()}, 1e-2, 2e-3, 1e-2, 48, 11L);
        assertTrue(r.passed(), r.worst());
    }

    @Test
    void frozenGradientsPassGradCheck() {
        Pair p = pair(12);
        FoldedConvBn f = FoldedConvBn.conv("c", p.conv(), p.bn(), new QatSchedule(Long.MAX_VALUE, 0));
        Tensor x = input(13).requiresGrad(true);
        GradCheck.Result r = GradCheck.check(t -> new Tensor[] {f.forward(t[0])},
                new Tensor[] {x, p.conv().weight(), p.bn().weight(), p.bn().bias()}, 1e-2, 2e-3, 1e-2, 48, 14L);
        assertTrue(r.passed(), r.worst());
    }

    @Test
    void linearFoldEqualsLinearThenBatchNorm1dInEvaluation() {
        Rng rng = new Rng(15);
        Linear linear = new Linear(8, 5, false, rng);
        BatchNorm1d bn = new BatchNorm1d(5);
        fill(bn.weight(), rng, 0.5f, 1.5f);
        fill(bn.bias(), rng, -0.5f, 0.5f);
        fill(bn.runningMean(), rng, -0.3f, 0.3f);
        fill(bn.runningVar(), rng, 0.2f, 2f);
        FoldedConvBn f = FoldedConvBn.linear("bn", linear, bn, floatOnly());
        f.eval();
        bn.eval();
        Tensor x = GradCheck.randomInput(rng, -2f, 2f, 4, 8).requiresGrad(false);
        assertArrayEquals(bn.forward(linear.forward(x)).data(), f.forward(x).data(), TOL);
    }
}
