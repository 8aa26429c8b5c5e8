package vigil.tensor.nn;

import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.RecurrentConfig;
import vigil.tensor.ops.RecurrentOutput;

/** An Elman RNN stack as torch.nn.RNN: h' = act(W_ih x + b_ih + W_hh h + b_hh), act tanh (default) or relu. */
public final class RNN extends Recurrent {

    /** One layer, one direction, sequence-first, with biases. */
    public RNN(int inputSize, int hiddenSize, Rng rng) {
        this(inputSize, RecurrentConfig.rnn(hiddenSize), rng);
    }

    public RNN(int inputSize, RecurrentConfig config, Rng rng) {
        super(inputSize, config, RecurrentConfig.Mode.RNN, rng);
    }

    /** x [T, N, I] (or [N, T, I]), h0 [L*D, N, H] or null -> (y, h_n). */
    public RecurrentOutput forward(Tensor x, Tensor h0) {
        return run(x, h0, null, null);
    }

    /** As {@link #forward(Tensor, Tensor)}, element n valid for its first lengths[n] steps (packed-sequence semantics). */
    public RecurrentOutput forward(Tensor x, Tensor h0, int[] lengths) {
        return run(x, h0, null, lengths);
    }
}
