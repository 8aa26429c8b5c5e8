package vigil.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.RecurrentConfig.Mode;
import vigil.tensor.ops.RecurrentConfig.Nonlinearity;

/**
 * Finite-difference checks of the hand-written backward through time of every recurrent cell and of
 * the stack around them: every input (x, h0, c0) and every weight and bias of every layer and direction
 * is probed, against d/d of sum(y * s1) + sum(h_n * s2) [+ sum(c_n * s3)] with random seeds s
 * (GradCheck's defaults: h 1e-2, atol 1e-3, rtol 1e-2).
 */
class RecurrentGradCheckTest {
    private static final int INPUT = 3;
    private static final int HIDDEN = 4;

    @Test
    void rnnTanhSequenceGradients() {
        check(RecurrentConfig.rnn(HIDDEN), 5, 2, null, 11);
    }

    @Test
    void rnnReluSequenceGradients() {
        // Seeded so that no pre-activation lies within the finite-difference step of relu's kink.
        check(RecurrentConfig.rnn(HIDDEN).withNonlinearity(Nonlinearity.RELU), 4, 2, null, 12);
    }

    @Test
    void gruSequenceGradients() {
        check(RecurrentConfig.gru(HIDDEN), 5, 2, null, 13);
    }

    @Test
    void lstmSequenceGradients() {
        check(RecurrentConfig.lstm(HIDDEN), 5, 2, null, 14);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void twoLayerStackGradients(Mode mode) {
        check(RecurrentConfig.of(mode, HIDDEN).withLayers(2), 4, 2, null, 21);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void bidirectionalBatchFirstGradients(Mode mode) {
        check(RecurrentConfig.of(mode, HIDDEN).withBidirectional(true).withBatchFirst(true), 4, 2, null, 31);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void variableLengthGradientsThroughTwoBidirectionalLayers(Mode mode) {
        check(RecurrentConfig.of(mode, 3).withLayers(2).withBidirectional(true), 4, 3, new int[] {2, 4, 1}, 41);
    }

    @Test
    void stackWithoutBiasGradients() {
        check(RecurrentConfig.gru(HIDDEN).withBias(false).withBidirectional(true), 3, 2, null, 51);
    }

    /** Random x, h0, c0 (LSTM) and weights for cfg; the function maps them to (y, h_n[, c_n]). */
    private static void check(RecurrentConfig cfg, int steps, int batch, int[] lengths, long seed) {
        Tensor[] inputs = RecurrentCheckInputs.random(cfg, steps, batch, INPUT, true, new Rng(seed));
        GradCheck.Result r = GradCheck.check(RecurrentCheckInputs.forward(cfg, true, lengths), inputs);
        assertTrue(r.passed(), cfg + ": gradient mismatch, worst " + r.worst() + " (max abs error "
                + r.maxAbsError() + ", " + r.checked() + " probes)");
    }
}
