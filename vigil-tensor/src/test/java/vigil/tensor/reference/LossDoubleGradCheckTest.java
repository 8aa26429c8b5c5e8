package vigil.tensor.reference;

import static vigil.tensor.testing.GradCheckAssertions.assertPasses;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.DoubleGradCheck;
import vigil.tensor.gradcheck.DoubleReference;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;
import vigil.tensor.loss.BinaryCrossEntropyWithLogits;
import vigil.tensor.loss.CrossEntropy;
import vigil.tensor.loss.FocalLoss;
import vigil.tensor.loss.L1Loss;
import vigil.tensor.loss.Loss;
import vigil.tensor.loss.MseLoss;
import vigil.tensor.loss.Reduction;
import vigil.tensor.loss.SmoothL1Loss;
import vigil.tensor.loss.SoftmaxFocalLoss;

/**
 * Losses against double-precision references ({@link LossReference}), every reduction: the loss
 * value and every element of the gradient with respect to the logits (and, for the elementwise
 * losses, the float target). Class-index targets are int64 inputs that take no gradient; class
 * weights and pos_weight are float inputs that take none either (constants in PyTorch too).
 */
class LossDoubleGradCheckTest {
    private static final long IGNORE = CrossEntropy.DEFAULT_IGNORE_INDEX;

    private final Rng rng = new Rng(17);

    /** Runs loss(t[0], t[1]) through the double check; inputs after the first two reach only the reference. */
    private static DoubleGradCheck.Result check(Loss loss, DoubleReference reference,
                                                Tensor... inputs) {
        return DoubleGradCheck.check(t -> new Tensor[] {loss.apply(t[0], t[1])}, reference, inputs);
    }

    private Tensor logits(int... shape) {
        return GradCheck.randomInput(rng, -3f, 3f, shape);
    }

    /** Class indices in [0, classes); the listed positions hold ignoreIndex instead. */
    private Tensor classTargets(int classes, long ignoreIndex, int[] ignored, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = rng.nextInt(classes);
        }
        for (int p : ignored) {
            t[p] = ignoreIndex;
        }
        return Tensor.ofLongs(t, shape);
    }

    private Tensor classTargets(int classes, int... shape) {
        return classTargets(classes, IGNORE, new int[0], shape);
    }

    private Tensor positive(int... shape) {
        return GradCheck.randomInput(rng, 0.2f, 2f, shape).requiresGrad(false);
    }

    /** A float target input - d taking a gradient, with every d at least 0.01 from the kinks 0, +-0.5, +-1. */
    private Tensor targetAwayFromKinks(Tensor input) {
        float[] x = input.data();
        float[] t = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            float d;
            do {
                d = rng.uniform(-2.5f, 2.5f);
            } while (nearKink(d));
            t[i] = x[i] - d;
        }
        return Tensor.of(t, input.shape()).requiresGrad(true);
    }

    private static boolean nearKink(float d) {
        for (float kink : new float[] {0f, 0.5f, -0.5f, 1f, -1f}) {
            if (Math.abs(d - kink) < 0.01f) {
                return true;
            }
        }
        return false;
    }

    // ---- cross-entropy: logits [N, C, d...], int64 target [N, d...], optional weight [C] ----

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void crossEntropyOnBatchRows(Reduction r) {
        assertPasses(check(new CrossEntropy(r), LossReference.crossEntropy(5, 1, 0, IGNORE, r),
                logits(4, 5), classTargets(5, 4)));
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void crossEntropyOnSpatialLogits(Reduction r) {
        assertPasses(check(new CrossEntropy(r), LossReference.crossEntropy(3, 6, 0, IGNORE, r),
                logits(2, 3, 2, 3), classTargets(3, 2, 2, 3)));
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void crossEntropyOnUnbatchedLogits(Reduction r) {
        assertPasses(check(new CrossEntropy(r), LossReference.crossEntropy(5, 1, 0, IGNORE, r),
                logits(5), Tensor.ofLongs(new long[] {3})));
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void crossEntropyWithLabelSmoothing(Reduction r) {
        assertPasses(check(new CrossEntropy(r).withLabelSmoothing(0.15),
                LossReference.crossEntropy(5, 1, 0.15, IGNORE, r), logits(4, 5), classTargets(5, 4)));
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void crossEntropyWithClassWeights(Reduction r) {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {new CrossEntropy(r).withWeight(t[2]).apply(t[0], t[1])},
                LossReference.crossEntropy(4, 3, 0, IGNORE, r), logits(2, 4, 3), classTargets(4, 2, 3), positive(4)));
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void crossEntropyWithClassWeightsAndLabelSmoothing(Reduction r) {
        assertPasses(DoubleGradCheck.check(
                t -> new Tensor[] {new CrossEntropy(r).withWeight(t[2]).withLabelSmoothing(0.1).apply(t[0], t[1])},
                LossReference.crossEntropy(4, 3, 0.1, IGNORE, r), logits(2, 4, 3), classTargets(4, 2, 3), positive(4)));
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void crossEntropySkipsTheDefaultIgnoreIndexUnderWeightsAndSmoothing(Reduction r) {
        Tensor target = classTargets(4, IGNORE, new int[] {1, 4}, 2, 3);
        assertPasses(DoubleGradCheck.check(
                t -> new Tensor[] {new CrossEntropy(r).withWeight(t[2]).withLabelSmoothing(0.2).apply(t[0], t[1])},
                LossReference.crossEntropy(4, 3, 0.2, IGNORE, r), logits(2, 4, 3), target, positive(4)));
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void crossEntropySkipsACustomIgnoreIndexThatIsAClass(Reduction r) {
        // ignore_index 2 is a valid class: positions with target 2 drop out, class 2 still takes softmax mass.
        Tensor target = classTargets(4, 2, new int[] {0, 3, 5}, 6);
        assertPasses(check(new CrossEntropy(r).withIgnoreIndex(2).withLabelSmoothing(0.1),
                LossReference.crossEntropy(4, 1, 0.1, 2, r), logits(6, 4), target));
    }

    // ---- softmax focal loss: same geometry as cross-entropy, optional alpha [C] ----

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void softmaxFocalWithGammaTwo(Reduction r) {
        assertPasses(check(new SoftmaxFocalLoss(r, 2.0), LossReference.softmaxFocal(5, 1, 2.0, IGNORE, r),
                logits(4, 5), classTargets(5, 4)));
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void softmaxFocalWithPerClassAlphaAndFractionalGammaOnSpatialLogits(Reduction r) {
        assertPasses(DoubleGradCheck.check(
                t -> new Tensor[] {new SoftmaxFocalLoss(r, 0.5).withAlpha(t[2]).apply(t[0], t[1])},
                LossReference.softmaxFocal(4, 3, 0.5, IGNORE, r), logits(2, 4, 3), classTargets(4, 2, 3),
                positive(4)));
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void softmaxFocalSkipsTheIgnoreIndex(Reduction r) {
        Tensor target = classTargets(4, IGNORE, new int[] {2, 3}, 6);
        assertPasses(check(new SoftmaxFocalLoss(r, 1.5), LossReference.softmaxFocal(4, 1, 1.5, IGNORE, r),
                logits(6, 4), target));
    }

    // ---- binary cross-entropy with logits: x, t [N, C]; weight, pos_weight broadcast to them ----

    private Tensor softTarget(int... shape) {
        return GradCheck.randomInput(rng, 0f, 1f, shape);
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void bceWithLogits(Reduction r) {
        assertPasses(check(new BinaryCrossEntropyWithLogits(r), LossReference.bceWithLogits(false, false, r),
                logits(3, 4), softTarget(3, 4)));
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void bceWithLogitsWithClassWeight(Reduction r) {
        assertPasses(DoubleGradCheck.check(
                t -> new Tensor[] {new BinaryCrossEntropyWithLogits(r).withWeight(t[2]).apply(t[0], t[1])},
                LossReference.bceWithLogits(true, false, r), logits(3, 4), softTarget(3, 4), positive(4)));
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void bceWithLogitsWithPosWeight(Reduction r) {
        assertPasses(DoubleGradCheck.check(
                t -> new Tensor[] {new BinaryCrossEntropyWithLogits(r).withPosWeight(t[2]).apply(t[0], t[1])},
                LossReference.bceWithLogits(false, true, r), logits(3, 4), softTarget(3, 4), positive(4)));
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void bceWithLogitsWithElementWeightAndPosWeight(Reduction r) {
        assertPasses(DoubleGradCheck.check(t -> new Tensor[] {
            new BinaryCrossEntropyWithLogits(r).withWeight(t[2]).withPosWeight(t[3]).apply(t[0], t[1])},
                LossReference.bceWithLogits(true, true, r), logits(3, 4), softTarget(3, 4), positive(3, 4),
                positive(4)));
    }

    // ---- sigmoid focal loss: x, t same shape, both take gradients ----

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void sigmoidFocalWithTorchvisionDefaults(Reduction r) {
        assertPasses(check(FocalLoss.standard(r), LossReference.sigmoidFocal(0.25, 2, r), logits(3, 4),
                softTarget(3, 4)));
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void sigmoidFocalWithNegativeAlphaIsUnbalanced(Reduction r) {
        assertPasses(check(new FocalLoss(r, -1, 2), LossReference.sigmoidFocal(-1, 2, r), logits(3, 4),
                softTarget(3, 4)));
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void sigmoidFocalWithFractionalGamma(Reduction r) {
        assertPasses(check(new FocalLoss(r, 0.6, 1.5), LossReference.sigmoidFocal(0.6, 1.5, r), logits(3, 4),
                softTarget(3, 4)));
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void sigmoidFocalOnHardTargets(Reduction r) {
        Tensor target = Tensor.of(new float[] {0, 1, 1, 0, 0, 0, 1, 0, 1, 1, 0, 1}, 3, 4).requiresGrad(true);
        assertPasses(check(FocalLoss.standard(r), LossReference.sigmoidFocal(0.25, 2, r), logits(3, 4), target));
    }

    // ---- regression losses: x, t same shape, both take gradients; x - t kept off the kinks ----

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void mse(Reduction r) {
        Tensor x = logits(3, 5);
        assertPasses(check(new MseLoss(r), LossReference.mse(r), x, targetAwayFromKinks(x)));
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void l1(Reduction r) {
        Tensor x = logits(3, 5);
        assertPasses(check(new L1Loss(r), LossReference.l1(r), x, targetAwayFromKinks(x)));
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void smoothL1WithBetaOne(Reduction r) {
        Tensor x = logits(3, 5);
        assertPasses(check(new SmoothL1Loss(r, 1.0), LossReference.smoothL1(1.0, r), x, targetAwayFromKinks(x)));
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void smoothL1WithBetaHalf(Reduction r) {
        Tensor x = logits(3, 5);
        assertPasses(check(new SmoothL1Loss(r, 0.5), LossReference.smoothL1(0.5, r), x, targetAwayFromKinks(x)));
    }
}
