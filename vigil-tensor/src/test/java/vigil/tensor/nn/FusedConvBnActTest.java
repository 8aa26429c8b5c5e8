package vigil.tensor.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.Conv2dOp;

/**
 * A folded Conv2d -> BatchNorm2d (eval) -> activation equals the unfused chain up to float reassociation.
 * Bound, per output: the fold scales each weight before the sum (one rounding each) and both chains sum
 * K = (in/groups)*kh*kw products in some order, so |fused - unfused| <= (2K + 4) * 2^-24 * (sum over taps
 * of |weight' * x| + |bias'|), times max(1, |slope|) after a PReLU (the usual gamma_K bound, twice, plus
 * the final roundings). The bound's magnitude term is computed by a convolution of |x| with |weight'|.
 */
class FusedConvBnActTest {
    private static final double UNIT_ROUNDOFF = Math.scalb(1.0, -24);

    /** A batch norm in evaluation mode with running statistics and affine values far from the defaults. */
    private static BatchNorm2d trainedBatchNorm(int channels, Rng rng) {
        BatchNorm2d bn = new BatchNorm2d(channels);
        for (int c = 0; c < channels; c++) {
            bn.runningMean().data()[c] = rng.uniform(-0.5f, 0.5f);
            bn.runningVar().data()[c] = rng.uniform(0.05f, 3f);
            bn.weight().data()[c] = rng.uniform(-2f, 2f);
            bn.bias().data()[c] = rng.uniform(-1f, 1f);
        }
        bn.eval();
        return bn;
    }

    private static PReLU randomPrelu(int channels, Rng rng) {
        PReLU prelu = new PReLU(channels);
        for (int c = 0; c < channels; c++) {
            prelu.weight().data()[c] = rng.uniform(-0.5f, 1.5f);
        }
        return prelu;
    }

    /** Compares fused and unfused outputs element by element against the reassociation bound. */
    private static void assertWithinReassociationBound(FusedConvBnAct fused, Conv2d conv, Tensor x, Tensor unfused,
                                                       float maxSlope) {
        Tensor fusedY = fused.forward(x);
        assertArrayEquals(unfused.shape(), fusedY.shape());
        float[] absW = fused.weight().data().clone();
        for (int i = 0; i < absW.length; i++) {
            absW[i] = Math.abs(absW[i]);
        }
        float[] absX = x.data().clone();
        for (int i = 0; i < absX.length; i++) {
            absX[i] = Math.abs(absX[i]);
        }
        float[] absB = fused.bias();
        for (int i = 0; i < absB.length; i++) {
            absB[i] = Math.abs(absB[i]);
        }
        float[] magnitude = Conv2dOp.conv2d(Tensor.of(absX, x.shape()), Tensor.of(absW, fused.weight().shape()),
                Tensor.of(absB, absB.length), conv.stride(), conv.padding(), conv.dilation(), conv.groups()).data();
        int[] ws = fused.weight().shape();
        int taps = ws[1] * ws[2] * ws[3];
        double factor = (2.0 * taps + 4) * UNIT_ROUNDOFF * Math.max(1f, maxSlope);
        float[] a = fusedY.data();
        float[] b = unfused.data();
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            double bound = factor * magnitude[i] * 1.01;
            double diff = Math.abs(a[i] - b[i]);
            assertTrue(diff <= bound, "output " + i + ": fused " + a[i] + " vs unfused " + b[i] + ", bound " + bound);
            worst = Math.max(worst, diff);
        }
        assertTrue(worst > 0 || a.length < 50, "fused and unfused outputs identical: the comparison did not exercise a fold");
    }

    /** Folds conv (built from rng) with a trained batch norm and a random PReLU, then checks the fold. */
    private static void assertPreluFoldMatchesUnfusedChain(Rng rng, Conv2d conv, int channels, int... inputShape) {
        BatchNorm2d bn = trainedBatchNorm(channels, rng);
        PReLU prelu = randomPrelu(channels, rng);
        Tensor x = GradCheck.randomInput(rng, -1f, 1f, inputShape);
        try (Autograd.NoGrad off = Autograd.noGrad()) {
            Tensor unfused = prelu.forward(bn.forward(conv.forward(x)));
            // randomPrelu draws slopes in [-0.5, 1.5)
            assertWithinReassociationBound(FusedConvBnAct.fold(conv, bn, prelu), conv, x, unfused, 1.5f);
        }
    }

    @Test
    void convBatchNormPreluFoldMatchesUnfusedChain() {
        Rng rng = new Rng(11);
        assertPreluFoldMatchesUnfusedChain(rng, new Conv2d(6, 10, 3, 1, 1, 1, 1, false, rng), 10, 3, 6, 11, 9);
    }

    @Test
    void depthwiseStrideTwoFoldMatchesUnfusedChain() {
        Rng rng = new Rng(12);
        assertPreluFoldMatchesUnfusedChain(rng, new Conv2d(8, 8, 3, 2, 1, 1, 8, false, rng), 8, 2, 8, 20, 20);
    }

    @Test
    void linearFoldWithConvBiasMatchesUnfusedChain() {
        Rng rng = new Rng(13);
        Conv2d conv = new Conv2d(16, 12, 1, 1, 0, 1, 1, true, rng);
        BatchNorm2d bn = trainedBatchNorm(12, rng);
        Tensor x = GradCheck.randomInput(rng, -1f, 1f, 2, 16, 5, 7);
        try (Autograd.NoGrad off = Autograd.noGrad()) {
            Tensor unfused = bn.forward(conv.forward(x));
            assertWithinReassociationBound(FusedConvBnAct.fold(conv, bn), conv, x, unfused, 1f);
        }
    }

    @Test
    void reluFoldMatchesUnfusedChain() {
        Rng rng = new Rng(14);
        Conv2d conv = new Conv2d(4, 6, 5, 1, 2, 1, 2, false, rng);
        BatchNorm2d bn = trainedBatchNorm(6, rng);
        Tensor x = GradCheck.randomInput(rng, -1f, 1f, 2, 4, 9, 8);
        try (Autograd.NoGrad off = Autograd.noGrad()) {
            Tensor unfused = bn.forward(conv.forward(x)).relu();
            assertWithinReassociationBound(FusedConvBnAct.foldWithRelu(conv, bn), conv, x, unfused, 1f);
        }
    }

    @Test
    void foldIsNoLongerCurrentAfterAnySourceValueChanges() {
        Rng rng = new Rng(15);
        Conv2d conv = new Conv2d(3, 4, 3, 1, 1, 1, 1, false, rng);
        BatchNorm2d bn = trainedBatchNorm(4, rng);
        PReLU prelu = randomPrelu(4, rng);
        FusedConvBnAct fold = FusedConvBnAct.fold(conv, bn, prelu);
        assertTrue(fold.isCurrent());
        bn.runningVar().data()[3] += 0.5f;
        assertFalse(fold.isCurrent());
        FusedConvBnAct again = FusedConvBnAct.fold(conv, bn, prelu);
        prelu.weight().data()[0] = 0.1f;
        assertFalse(again.isCurrent());
        FusedConvBnAct third = FusedConvBnAct.fold(conv, bn, prelu);
        conv.weight().data()[5] *= 2f;
        assertFalse(third.isCurrent());
    }

    @Test
    void foldedBiasIsTheShiftedBatchNormBias() {
        Rng rng = new Rng(16);
        Conv2d conv = new Conv2d(2, 3, 1, 1, 0, 1, 1, false, rng);
        BatchNorm2d bn = trainedBatchNorm(3, rng);
        float[] bias = FusedConvBnAct.fold(conv, bn).bias();
        for (int c = 0; c < 3; c++) {
            double scale = bn.weight().data()[c] / Math.sqrt(bn.runningVar().data()[c] + 1e-5);
            assertEquals(bn.bias().data()[c] - bn.runningMean().data()[c] * scale, bias[c], 1e-6);
        }
    }

    @Test
    void fusedForwardRefusesInputsThatRequireGradients() {
        Rng rng = new Rng(17);
        Conv2d conv = new Conv2d(2, 2, 3, 1, 1, 1, 1, false, rng);
        FusedConvBnAct fold = FusedConvBnAct.fold(conv, trainedBatchNorm(2, rng));
        Tensor x = GradCheck.randomInput(rng, -1f, 1f, 1, 2, 4, 4).requiresGrad(true);
        assertThrows(IllegalStateException.class, () -> fold.forward(x));
    }
}
