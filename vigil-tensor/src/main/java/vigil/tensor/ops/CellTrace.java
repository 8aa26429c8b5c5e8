package vigil.tensor.ops;

/**
 * What a cell's forward over a whole sequence keeps for its backward: its outputs (y [T, N, H],
 * h_n [N, H], and c_n [N, H] for an LSTM) and the gate activations and states of every step.
 * Sealed so the driver dispatches the backward with an exhaustive switch.
 */
sealed interface CellTrace permits RnnCell.Trace, GruCell.Trace, LstmCell.Trace {
    float[] y();

    float[] hN();

    /** The final cell state; null for cells without one. */
    default float[] cN() {
        return null;
    }
}
