package vigil.tensor.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.DoubleGradCheck;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.CellWeights;
import vigil.tensor.ops.RecurrentConfig;
import vigil.tensor.ops.RecurrentConfig.Mode;
import vigil.tensor.ops.RecurrentConfig.Nonlinearity;
import vigil.tensor.ops.RecurrentOp;
import vigil.tensor.ops.RecurrentOutput;

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

    /**
     * Random inputs in the order RecurrentReference.stack takes them: x, [h0, (c0)], then per cell
     * weight_ih, weight_hh[, bias_ih, bias_hh].
     */
    private static void assertPasses(RecurrentConfig cfg, int steps, int batch, int[] lengths, boolean initialState,
                                     long seed) {
        Rng rng = new Rng(seed);
        boolean lstm = cfg.mode() == Mode.LSTM;
        int cells = cfg.numLayers() * cfg.directions();
        List<Tensor> inputs = new ArrayList<>();
        inputs.add(cfg.batchFirst() ? GradCheck.randomInput(rng, -1f, 1f, batch, steps, INPUT)
                : GradCheck.randomInput(rng, -1f, 1f, steps, batch, INPUT));
        if (initialState) {
            inputs.add(GradCheck.randomInput(rng, -0.8f, 0.8f, cells, batch, cfg.hiddenSize()));
            if (lstm) {
                inputs.add(GradCheck.randomInput(rng, -0.8f, 0.8f, cells, batch, cfg.hiddenSize()));
            }
        }
        int firstWeight = inputs.size();
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
        Function<Tensor[], Tensor[]> engine = t -> {
            List<CellWeights> weights = new ArrayList<>();
            for (int k = 0; k < cells; k++) {
                int at = firstWeight + k * perCell;
                weights.add(new CellWeights(t[at], t[at + 1], cfg.bias() ? t[at + 2] : null,
                        cfg.bias() ? t[at + 3] : null));
            }
            Tensor h0 = initialState ? t[1] : null;
            Tensor c0 = initialState && lstm ? t[2] : null;
            RecurrentOutput out = RecurrentOp.forward(cfg, t[0], h0, c0, weights, lengths);
            return lstm ? new Tensor[] {out.y(), out.hN(), out.cN()} : new Tensor[] {out.y(), out.hN()};
        };
        DoubleGradCheck.Result r = DoubleGradCheck.check(engine,
                RecurrentReference.stack(cfg, steps, batch, INPUT, lengths, initialState), inputs.toArray(Tensor[]::new));
        assertTrue(r.passed(), cfg + ": " + r);
    }
}
