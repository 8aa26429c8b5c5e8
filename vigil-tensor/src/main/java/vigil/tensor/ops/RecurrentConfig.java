package vigil.tensor.ops;

/**
 * The shape of a recurrent stack, as torch.nn.RNN / GRU / LSTM take it: cell kind, hidden size,
 * number of stacked layers, one or two directions, batch-first layout of x and y, the RNN's
 * nonlinearity, and whether the cells have biases. The input size is not part of it: the op reads
 * it from x, the module from its constructor.
 */
public record RecurrentConfig(Mode mode, int hiddenSize, int numLayers, boolean bidirectional, boolean batchFirst,
                              Nonlinearity nonlinearity, boolean bias) {

    /** The cell kind; {@link #gates()} is the number of H-row blocks in weight_ih / weight_hh. */
    public enum Mode {
        RNN(1), GRU(3), LSTM(4);

        private final int gates;

        Mode(int gates) {
            this.gates = gates;
        }

        public int gates() {
            return gates;
        }

        /** PyTorch's lower-case name, used in error messages and golden op names. */
        public String opName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The activation of a plain RNN cell (GRU and LSTM ignore it). */
    public enum Nonlinearity { TANH, RELU }

    public RecurrentConfig {
        if (mode == null || nonlinearity == null) {
            throw new IllegalArgumentException("recurrent config: mode and nonlinearity must be given");
        }
        if (hiddenSize <= 0 || numLayers <= 0) {
            throw new IllegalArgumentException(mode.opName() + ": hidden size " + hiddenSize + " and layer count "
                    + numLayers + " must be positive");
        }
    }

    /** One layer, one direction, sequence-first, with biases: PyTorch's defaults. */
    public static RecurrentConfig of(Mode mode, int hiddenSize) {
        return new RecurrentConfig(mode, hiddenSize, 1, false, false, Nonlinearity.TANH, true);
    }

    public static RecurrentConfig rnn(int hiddenSize) {
        return of(Mode.RNN, hiddenSize);
    }

    public static RecurrentConfig gru(int hiddenSize) {
        return of(Mode.GRU, hiddenSize);
    }

    public static RecurrentConfig lstm(int hiddenSize) {
        return of(Mode.LSTM, hiddenSize);
    }

    public RecurrentConfig withLayers(int n) {
        return new RecurrentConfig(mode, hiddenSize, n, bidirectional, batchFirst, nonlinearity, bias);
    }

    public RecurrentConfig withBidirectional(boolean on) {
        return new RecurrentConfig(mode, hiddenSize, numLayers, on, batchFirst, nonlinearity, bias);
    }

    public RecurrentConfig withBatchFirst(boolean on) {
        return new RecurrentConfig(mode, hiddenSize, numLayers, bidirectional, on, nonlinearity, bias);
    }

    public RecurrentConfig withNonlinearity(Nonlinearity n) {
        return new RecurrentConfig(mode, hiddenSize, numLayers, bidirectional, batchFirst, n, bias);
    }

    public RecurrentConfig withBias(boolean on) {
        return new RecurrentConfig(mode, hiddenSize, numLayers, bidirectional, batchFirst, nonlinearity, on);
    }

    public int directions() {
        return bidirectional ? 2 : 1;
    }

    /** Rows of weight_ih / weight_hh / the biases: the gate blocks stacked, G*H. */
    public int gateWidth() {
        return mode.gates() * hiddenSize;
    }

    /** Input width of a layer: the sequence's features for layer 0, then D*H (both directions' outputs). */
    public int layerInputSize(int layer, int inputSize) {
        return layer == 0 ? inputSize : directions() * hiddenSize;
    }

    /** PyTorch's parameter-name suffix of a layer and direction: "l0", "l1_reverse". */
    public static String suffix(int layer, int direction) {
        return "l" + layer + (direction == 1 ? "_reverse" : "");
    }
}
