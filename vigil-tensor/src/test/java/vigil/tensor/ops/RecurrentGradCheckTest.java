package vigil.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
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
        Rng rng = new Rng(seed);
        boolean lstm = cfg.mode() == Mode.LSTM;
        int cells = cfg.numLayers() * cfg.directions();
        List<Tensor> inputs = new ArrayList<>();
        inputs.add(cfg.batchFirst() ? GradCheck.randomInput(rng, -1f, 1f, batch, steps, INPUT)
                : GradCheck.randomInput(rng, -1f, 1f, steps, batch, INPUT));
        inputs.add(GradCheck.randomInput(rng, -0.8f, 0.8f, cells, batch, cfg.hiddenSize()));
        if (lstm) {
            inputs.add(GradCheck.randomInput(rng, -0.8f, 0.8f, cells, batch, cfg.hiddenSize()));
        }
        int states = inputs.size();
        for (int layer = 0; layer < cfg.numLayers(); layer++) {
            for (int d = 0; d < cfg.directions(); d++) {
                inputs.add(GradCheck.randomInput(rng, -0.6f, 0.6f, cfg.gateWidth(), cfg.layerInputSize(layer, INPUT)));
                inputs.add(GradCheck.randomInput(rng, -0.6f, 0.6f, cfg.gateWidth(), cfg.hiddenSize()));
                if (cfg.bias()) {
                    inputs.add(GradCheck.randomInput(rng, -0.6f, 0.6f, cfg.gateWidth()));
                    inputs.add(GradCheck.randomInput(rng, -0.6f, 0.6f, cfg.gateWidth()));
                }
            }
        }
        int perCell = cfg.bias() ? 4 : 2;
        Function<Tensor[], Tensor[]> f = t -> {
            List<CellWeights> weights = new ArrayList<>();
            for (int k = 0; k < cells; k++) {
                int at = states + k * perCell;
                weights.add(new CellWeights(t[at], t[at + 1], cfg.bias() ? t[at + 2] : null,
                        cfg.bias() ? t[at + 3] : null));
            }
            RecurrentOutput out = RecurrentOp.forward(cfg, t[0], t[1], lstm ? t[2] : null, weights, lengths);
            return lstm ? new Tensor[] {out.y(), out.hN(), out.cN()} : new Tensor[] {out.y(), out.hN()};
        };
        GradCheck.Result r = GradCheck.check(f, inputs.toArray(Tensor[]::new));
        assertTrue(r.passed(), cfg + ": gradient mismatch, worst " + r.worst() + " (max abs error "
                + r.maxAbsError() + ", " + r.checked() + " probes)");
    }
}
