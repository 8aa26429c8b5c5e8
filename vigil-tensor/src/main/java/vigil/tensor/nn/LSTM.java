package vigil.tensor.nn;

import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.RecurrentConfig;
import vigil.tensor.ops.RecurrentOutput;

/** An LSTM stack as torch.nn.LSTM (without proj_size), gates stacked (i, f, g, o) as PyTorch stacks them. */
public final class LSTM extends Recurrent {

    /** One layer, one direction, sequence-first, with biases. */
    public LSTM(int inputSize, int hiddenSize, Rng rng) {
        this(inputSize, RecurrentConfig.lstm(hiddenSize), rng);
    }

    public LSTM(int inputSize, RecurrentConfig config, Rng rng) {
        super(inputSize, config, RecurrentConfig.Mode.LSTM, rng);
    }

    /** x [T, N, I] (or [N, T, I]), h0 and c0 [L*D, N, H] or null -> (y, h_n, c_n). */
    public RecurrentOutput forward(Tensor x, Tensor h0, Tensor c0) {
        return run(x, h0, c0, null);
    }

    /** As {@link #forward(Tensor, Tensor, Tensor)}, element n valid for its first lengths[n] steps (packed-sequence semantics). */
    public RecurrentOutput forward(Tensor x, Tensor h0, Tensor c0, int[] lengths) {
        return run(x, h0, c0, lengths);
    }
}
