package vigil.tensor.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.DoubleGradCheck;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.RecurrentCheckInputs;
import vigil.tensor.ops.RecurrentConfig;
import vigil.tensor.ops.RecurrentConfig.Mode;
import vigil.tensor.ops.RecurrentConfig.Nonlinearity;

/**
 * RecurrentOp against the double-precision loop of {@link RecurrentReference}: y, h_n (and c_n)
 * and every element of the gradients w.r.t. x, h0, c0 and every weight and bias of every layer and
 * direction (DoubleGradCheck's defaults: atol 1e-4, rtol 1e-3).
 */
class RecurrentDoubleGradCheckTest {
    private static final int INPUT = 3;
    private static final int HIDDEN = 4;

    @Test
    void rnnTanhSingleLayer() {
        assertPasses(RecurrentConfig.rnn(HIDDEN), 5, 2, null, true, 11);
    }

    @Test
    void rnnReluSingleLayer() {
        assertPasses(RecurrentConfig.rnn(HIDDEN).withNonlinearity(Nonlinearity.RELU), 5, 2, null, true, 12);
    }

    @Test
    void gruSingleLayer() {
        assertPasses(RecurrentConfig.gru(HIDDEN), 5, 2, null, true, 13);
    }

    @Test
    void lstmSingleLayer() {
        assertPasses(RecurrentConfig.lstm(HIDDEN), 5, 2, null, true, 14);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void twoLayers(Mode mode) {
        assertPasses(RecurrentConfig.of(mode, HIDDEN).withLayers(2), 4, 2, null, true, 21);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void bidirectional(Mode mode) {
        assertPasses(RecurrentConfig.of(mode, HIDDEN).withBidirectional(true), 4, 2, null, true, 31);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void batchFirst(Mode mode) {
        assertPasses(RecurrentConfig.of(mode, HIDDEN).withBatchFirst(true), 4, 3, null, true, 41);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void variableLengthsThroughTwoBidirectionalLayers(Mode mode) {
        assertPasses(RecurrentConfig.of(mode, 3).withLayers(2).withBidirectional(true), 5, 3, new int[] {2, 5, 1},
                true, 51);
    }

    @Test
    void rnnReluVariableLengthsThroughTwoBidirectionalBatchFirstLayers() {
        assertPasses(RecurrentConfig.rnn(3).withNonlinearity(Nonlinearity.RELU).withLayers(2).withBidirectional(true)
                .withBatchFirst(true), 4, 3, new int[] {4, 1, 3}, true, 52);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void withoutBiases(Mode mode) {
        assertPasses(RecurrentConfig.of(mode, HIDDEN).withBias(false).withBidirectional(true), 4, 2, null, true, 61);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void zeroInitialStateWhenOmitted(Mode mode) {
        assertPasses(RecurrentConfig.of(mode, HIDDEN).withBidirectional(true), 4, 2, null, false, 71);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void emptySequenceKeepsInitialStateAndOutputsZero(Mode mode) {
        assertPasses(RecurrentConfig.of(mode, 3).withBidirectional(true), 3, 2, new int[] {3, 0}, true, 81);
    }

    /** Random inputs (see {@link RecurrentCheckInputs} for their order) for cfg, checked against the reference. */
    private static void assertPasses(RecurrentConfig cfg, int steps, int batch, int[] lengths, boolean initialState,
                                     long seed) {
        Tensor[] inputs = RecurrentCheckInputs.random(cfg, steps, batch, INPUT, initialState, new Rng(seed));
        DoubleGradCheck.Result r = DoubleGradCheck.check(RecurrentCheckInputs.forward(cfg, initialState, lengths),
                RecurrentReference.stack(cfg, steps, batch, INPUT, lengths, initialState), inputs);
        assertTrue(r.passed(), cfg + ": " + r);
    }
}
