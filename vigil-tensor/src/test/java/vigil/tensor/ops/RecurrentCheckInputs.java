package vigil.tensor.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.RecurrentConfig.Mode;

/**
 * The flat input array a gradient check of {@link RecurrentOp} probes, and the function that
 * unpacks it, shared by the finite-difference and the double-reference checks so that both draw
 * the same tensors from a seed. Order (the one RecurrentReference.stack takes): x, [h0, (c0 for
 * an LSTM)] when initialState, then per cell, layer-major and direction-minor, weight_ih,
 * weight_hh[, bias_ih, bias_hh].
 */
public final class RecurrentCheckInputs {
    private RecurrentCheckInputs() {
    }

    /** x [T, N, I] (or [N, T, I]) in [-1, 1], states in [-0.8, 0.8], weights and biases in [-0.6, 0.6]. */
    public static Tensor[] random(RecurrentConfig cfg, int steps, int batch, int inputSize, boolean initialState,
                                  Rng rng) {
        boolean lstm = cfg.mode() == Mode.LSTM;
        int cells = cfg.numLayers() * cfg.directions();
        List<Tensor> inputs = new ArrayList<>();
        inputs.add(cfg.batchFirst() ? GradCheck.randomInput(rng, -1f, 1f, batch, steps, inputSize)
                : GradCheck.randomInput(rng, -1f, 1f, steps, batch, inputSize));
        if (initialState) {
            inputs.add(GradCheck.randomInput(rng, -0.8f, 0.8f, cells, batch, cfg.hiddenSize()));
            if (lstm) {
                inputs.add(GradCheck.randomInput(rng, -0.8f, 0.8f, cells, batch, cfg.hiddenSize()));
            }
        }
        for (int layer = 0; layer < cfg.numLayers(); layer++) {
            for (int d = 0; d < cfg.directions(); d++) {
                inputs.add(GradCheck.randomInput(rng, -0.6f, 0.6f, cfg.gateWidth(),
                        cfg.layerInputSize(layer, inputSize)));
                inputs.add(GradCheck.randomInput(rng, -0.6f, 0.6f, cfg.gateWidth(), cfg.hiddenSize()));
                if (cfg.bias()) {
                    inputs.add(GradCheck.randomInput(rng, -0.6f, 0.6f, cfg.gateWidth()));
                    inputs.add(GradCheck.randomInput(rng, -0.6f, 0.6f, cfg.gateWidth()));
                }
            }
        }
        return inputs.toArray(Tensor[]::new);
    }

    /** Inputs in the order above -> (y, h_n[, c_n]) of RecurrentOp.forward. */
    public static Function<Tensor[], Tensor[]> forward(RecurrentConfig cfg, boolean initialState, int[] lengths) {
        boolean lstm = cfg.mode() == Mode.LSTM;
        int cells = cfg.numLayers() * cfg.directions();
        int firstWeight = 1 + (initialState ? (lstm ? 2 : 1) : 0);
        int perCell = cfg.bias() ? 4 : 2;
        return t -> {
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
    }
}
