package vigil.tensor.nn;

import java.util.ArrayList;
import java.util.List;
import vigil.tensor.Tensor;
import vigil.tensor.init.Init;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.CellWeights;
import vigil.tensor.ops.RecurrentConfig;
import vigil.tensor.ops.RecurrentOp;
import vigil.tensor.ops.RecurrentOutput;

/**
 * The shared body of {@link RNN}, {@link GRU} and {@link LSTM}: a stack of L layers in D directions
 * whose parameters carry PyTorch's names and order (weight_ih_l0, weight_hh_l0, bias_ih_l0,
 * bias_hh_l0, weight_ih_l0_reverse, ..., weight_ih_l1, ...), so a PyTorch state dict loads unchanged.
 *
 * <p>Shapes: x [T, N, I] (or [N, T, I] batch-first), h0/c0 [L*D, N, H], y [T, N, D*H] (or batch-first),
 * h_n/c_n [L*D, N, H]; see {@link RecurrentOp#forward}.
 */
public abstract class Recurrent extends Module {
    private final RecurrentConfig config;
    private final int inputSize;
    private final List<CellWeights> cells = new ArrayList<>();

    /** Every weight and bias drawn from U(-1/sqrt(H), 1/sqrt(H)), PyTorch's default. */
    protected Recurrent(int inputSize, RecurrentConfig config, RecurrentConfig.Mode expected, Rng rng) {
        if (config.mode() != expected) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs a " + expected + " config, got "
                    + config.mode());
        }
        if (inputSize <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": input size " + inputSize
                    + " must be positive");
        }
        this.config = config;
        this.inputSize = inputSize;
        float bound = (float) (1.0 / Math.sqrt(config.hiddenSize()));
        int rows = config.gateWidth();
        for (int layer = 0; layer < config.numLayers(); layer++) {
            int in = config.layerInputSize(layer, inputSize);
            for (int d = 0; d < config.directions(); d++) {
                String s = RecurrentConfig.suffix(layer, d);
                Tensor wIh = registerParameter("weight_ih_" + s, uniform(bound, rng, rows, in));
                Tensor wHh = registerParameter("weight_hh_" + s, uniform(bound, rng, rows, config.hiddenSize()));
                Tensor bIh = config.bias() ? registerParameter("bias_ih_" + s, uniform(bound, rng, rows)) : null;
                Tensor bHh = config.bias() ? registerParameter("bias_hh_" + s, uniform(bound, rng, rows)) : null;
                cells.add(new CellWeights(wIh, wHh, bIh, bHh));
            }
        }
    }

    private static Tensor uniform(float bound, Rng rng, int... shape) {
        return Init.uniform(Tensor.zeros(shape), -bound, bound, rng);
    }

    public RecurrentConfig config() {
        return config;
    }

    public int inputSize() {
        return inputSize;
    }

    /**
     * Re-draws every weight_hh as one orthogonal [H, H] matrix per gate block (r, z, n or i, f, g, o),
     * so each gate's recurrent map preserves norms at the start of training; the other parameters keep
     * their uniform init.
     */
    public void initRecurrentOrthogonal(Rng rng) {
        int h = config.hiddenSize();
        for (CellWeights w : cells) {
            float[] dst = w.weightHh().data();
            for (int g = 0; g < config.mode().gates(); g++) {
                float[] block = Init.orthogonal(Tensor.zeros(h, h), 1f, rng).data();
                System.arraycopy(block, 0, dst, g * h * h, h * h);
            }
        }
    }

    /** The sequence from zero initial state, all elements of full length. */
    public RecurrentOutput forward(Tensor x) {
        return run(x, null, null, null);
    }

    /** h0, c0 and lengths may each be null (zeros; full length). */
    protected final RecurrentOutput run(Tensor x, Tensor h0, Tensor c0, int[] lengths) {
        return RecurrentOp.forward(config, x, h0, c0, cells, lengths);
    }
}
