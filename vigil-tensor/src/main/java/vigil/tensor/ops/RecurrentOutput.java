package vigil.tensor.ops;

import vigil.tensor.Tensor;

/**
 * What a recurrent stack returns, as PyTorch does: y [T, N, D*H] (or [N, T, D*H] batch-first) with
 * the forward and reverse halves concatenated on the last axis; h_n [L*D, N, H], layer-major and
 * direction-minor; c_n likewise for an LSTM, null otherwise.
 */
public record RecurrentOutput(Tensor y, Tensor hN, Tensor cN) {
}
