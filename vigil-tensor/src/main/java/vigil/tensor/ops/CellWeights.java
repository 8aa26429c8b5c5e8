package vigil.tensor.ops;

import vigil.tensor.Tensor;

/**
 * The parameters of one layer in one direction, as PyTorch names them with suffix l{k}[_reverse]:
 * weight_ih [G*H, I], weight_hh [G*H, H], bias_ih and bias_hh [G*H] (both null when the stack has
 * no biases). Gate blocks are stacked in PyTorch's order: RNN (one block), GRU (r, z, n), LSTM (i, f, g, o).
 * The workspace holds the layer's reusable buffers (see {@link RecurrentWorkspace}); the four-tensor
 * constructor gives it a fresh one.
 */
public record CellWeights(Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh,
                          RecurrentWorkspace workspace) {
    public CellWeights {
        if (weightIh == null || weightHh == null || (biasIh == null) != (biasHh == null)) {
            throw new IllegalArgumentException("cell weights: weight_ih and weight_hh are required, and the two "
                    + "biases are given together or not at all");
        }
        if (workspace == null) {
            throw new IllegalArgumentException("cell weights: workspace is required (use the four-tensor constructor)");
        }
    }

    public CellWeights(Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh) {
        this(weightIh, weightHh, biasIh, biasHh, new RecurrentWorkspace());
    }
}
