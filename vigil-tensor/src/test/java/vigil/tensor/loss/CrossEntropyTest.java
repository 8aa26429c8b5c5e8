package vigil.tensor.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;

/**
 * Cross-entropy against PyTorch 1.13 and against finite differences. Expected numbers come from
 * /usr/bin/python3 with torch 1.13: x = the LOGITS below with requires_grad, l = F.cross_entropy(x, t, ...),
 * (l * seed).sum().backward() with seed 1 for reduced losses and SEED_3 for reduction="none";
 * printed with 8 significant digits. Tolerance 2e-6 absolute (float32 against a double-accumulated kernel).
 */
class CrossEntropyTest {
    private static final float TOL = 2e-6f;
    private static final float[] LOGITS = {0.5f, -1.25f, 2.0f, 0.125f, 1.5f, 0.25f, -0.75f, -2.0f, -0.5f, 3.0f, 0.0f, 1.0f};
    private static final float[] WEIGHT = {0.5f, 2.0f, 1.0f, 3.0f};
    private static final float[] SEED_3 = {0.5f, -1.0f, 2.0f};

    private static Tensor logits() {
        return Tensor.of(LOGITS.clone(), 3, 4).requiresGrad(true);
    }

    private static Tensor targets(long... t) {
        return Tensor.ofLongs(t, t.length);
    }

    private static void assertLossAndGrad(float[] loss, float[] grad, Tensor out, Tensor x) {
        if (out.numel() == 1 && out.rank() == 0) {
            out.backward();
        } else {
            out.backward(Tensor.of(SEED_3.clone(), out.shape()));
        }
        assertArrayEquals(loss, out.data(), TOL, "loss");
        assertArrayEquals(grad, x.grad().data(), TOL, "d loss / d logits");
    }

    @Test
    void meanMatchesPyTorch() {
        Tensor x = logits();
        Tensor out = CrossEntropy.mean().apply(x, targets(2, 0, 1));
        assertLossAndGrad(new float[] {0.29815188f}, new float[] {0.052553423f, 0.0091324141f, -0.097805247f,
            0.036119401f, -0.098938428f, 0.067155272f, 0.024705043f, 0.007078113f, 0.008282424f, -0.059057098f,
            0.013655409f, 0.037119251f}, out, x);
    }

    @Test
    void sumWithClassWeightsAndLabelSmoothingMatchesPyTorch() {
        Tensor x = logits();
        Tensor out = new CrossEntropy(Reduction.SUM).withWeight(Tensor.of(WEIGHT, 4)).withLabelSmoothing(0.1)
                .apply(x, targets(2, 0, 1));
        assertLossAndGrad(new float[] {1.9392796f}, new float[] {0.15501402f, -0.020890431f, -0.17425416f,
            0.040130582f, -0.031799365f, 0.073397793f, 0.020395512f, -0.061993971f, 0.036262769f, -0.23519859f,
            0.055396222f, 0.14353958f}, out, x);
    }

    @Test
    void weightedMeanNormalisesByTargetWeightsAndSkipsIgnored() {
        Tensor x = logits();
        Tensor out = CrossEntropy.mean().withWeight(Tensor.of(WEIGHT, 4)).withLabelSmoothing(0.2)
                .apply(x, targets(2, -100, 3));
        assertLossAndGrad(new float[] {1.725843f}, new float[] {0.03809195f, -0.017294526f, -0.013773179f,
            -0.0070242584f, 0f, 0f, 0f, 0f, 0.010677204f, 0.53555208f, 0.015408244f, -0.56163758f}, out, x);
    }

    @Test
    void noneWithLabelSmoothingMatchesPyTorch() {
        Tensor x = logits();
        Tensor out = new CrossEntropy(Reduction.NONE).withLabelSmoothing(0.3).apply(x, targets(2, 0, 1));
        assertLossAndGrad(new float[] {0.84418786f, 0.87713569f, 0.83250731f}, new float[] {0.041330125f,
            -0.023801381f, -0.034207873f, 0.016679093f, 0.071815297f, -0.12646578f, 0.00088488008f, 0.053765666f,
            -0.10030547f, 0.095657371f, -0.068067558f, 0.072715476f}, out, x);
    }

    @Test
    void customIgnoreIndexDropsThosePositions() {
        Tensor x = logits();
        Tensor out = CrossEntropy.mean().withIgnoreIndex(1).apply(x, targets(2, 0, 1));
        assertLossAndGrad(new float[] {0.34972423f}, new float[] {0.07883013f, 0.013698621f, -0.14670786f,
            0.054179098f, -0.14840764f, 0.1007329f, 0.037057564f, 0.01061717f, 0f, 0f, 0f, 0f}, out, x);
    }

    @Test
    void spatialLogitsMatchPyTorch() {
        // x [2, 3, 2], target [2, 2]; weight [1, 0.5, 2], label smoothing 0.1, seed [[1, -0.5], [0.25, 2]].
        Tensor x = Tensor.of(new float[] {0.2f, -0.4f, 1.1f, 0.3f, -0.7f, 0.9f, 0.0f, 2.2f, -1.3f, 0.6f, 0.8f, -0.1f},
                2, 3, 2).requiresGrad(true);
        Tensor out = new CrossEntropy(Reduction.NONE).withWeight(Tensor.of(new float[] {1f, 0.5f, 2f}, 3))
                .withLabelSmoothing(0.1).apply(x, Tensor.ofLongs(new long[] {2, 0, 1, 1}, 2, 2));
        out.backward(Tensor.of(new float[] {1f, -0.5f, 0.25f, 2f}, 2, 2));
        assertArrayEquals(new float[] {4.2568407f, 1.8329004f, 1.2629201f, 1.0496118f}, out.data(), TOL);
        assertArrayEquals(new float[] {0.46241957f, 0.39060357f, 1.2026888f, -0.1448389f, -1.6651086f, -0.24576467f,
            0.032165151f, 0.80368519f, -0.10562954f, -0.75761235f, 0.073464379f, -0.046072874f}, x.grad().data(), TOL);
    }

    @Test
    void meanOverOnlyIgnoredTargetsIsNaNAsInPyTorch() {
        Tensor out = CrossEntropy.mean().apply(logits(), targets(-100, -100, -100));
        assertTrue(Float.isNaN(out.item()), "PyTorch 1.13 returns nan, got " + out.item());
    }

    @Test
    void targetOutsideClassRangeIsRejectedWithOpName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CrossEntropy.mean().apply(logits(), targets(0, 4, 1)));
        assertTrue(e.getMessage().contains("cross_entropy"), e.getMessage());
    }

    @Test
    void gradientsMatchFiniteDifferencesForEveryReductionAndOption() {
        Rng rng = new Rng(3);
        Tensor spatialTargets = Tensor.ofLongs(new long[] {0, 2, 1, 3, 3, -100, 1, 0}, 2, 4);
        Tensor w = Tensor.of(new float[] {0.3f, 1.7f, 1.0f, 2.5f}, 4);
        for (Reduction r : Reduction.values()) {
            for (CrossEntropy ce : new CrossEntropy[] {new CrossEntropy(r), new CrossEntropy(r).withWeight(w),
                new CrossEntropy(r).withLabelSmoothing(0.15), new CrossEntropy(r).withWeight(w).withLabelSmoothing(0.4)}) {
                Tensor x = GradCheck.randomInput(rng, -2f, 2f, 2, 4, 4);
                GradCheck.Result res = GradCheck.check(t -> new Tensor[] {ce.apply(t[0], spatialTargets)}, x);
                assertTrue(res.passed(), r + " " + ce + ": " + res.worst());
            }
        }
    }

    @Test
    void noneReductionKeepsTargetShape() {
        Tensor out = new CrossEntropy(Reduction.NONE).apply(logits(), targets(1, 1, 1));
        assertArrayEquals(new int[] {3}, out.shape());
        assertEquals(1, out.rank());
    }
}
