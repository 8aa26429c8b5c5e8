package vigil.tensor.reference;

import java.util.Arrays;
import vigil.tensor.gradcheck.DoubleReference;
import vigil.tensor.ops.RecurrentConfig;

/**
 * A recurrent stack (torch.nn.RNN / GRU / LSTM, PyTorch 1.13) in double as a plain loop: per layer,
 * per direction, per batch element, per time step, one {@link RecurrentCellReference#step}.
 *
 * <p>Variable lengths follow pack_padded_sequence: element n runs only its first lengths[n] steps;
 * the forward direction runs them 0..len-1, the reverse direction len-1..0 (so it starts from h0 at
 * the element's own last valid step); the outputs at t >= len are 0 and h_n / c_n is the state after
 * the last step run (h0 / c0 when len is 0).
 */
final class RecurrentReference {
    private RecurrentReference() {
    }

    /**
     * Inputs, in this order: x [T, N, I] (or [N, T, I] when batch-first); when initialState, h0 [L*D, N, H]
     * and (LSTM) c0 [L*D, N, H], else both are zeros; then per cell, layer-major and direction-minor,
     * weight_ih [G*H, I_layer], weight_hh [G*H, H] and, when cfg.bias(), bias_ih, bias_hh [G*H].
     * Outputs: y [T, N, D*H] (or [N, T, D*H]), h_n [L*D, N, H], and c_n [L*D, N, H] for an LSTM.
     *
     * @param lengths valid steps per element, or null for T each
     */
    static DoubleReference stack(RecurrentConfig cfg, int steps, int batch, int inputSize, int[] lengths,
                                 boolean initialState) {
        return in -> {
            boolean lstm = cfg.mode() == RecurrentConfig.Mode.LSTM;
            int hs = cfg.hiddenSize();
            int dirs = cfg.directions();
            int cells = cfg.numLayers() * dirs;
            int at = 0;
            double[] x = in[at++];
            double[] h0 = initialState ? in[at++] : new double[cells * batch * hs];
            double[] c0 = lstm && initialState ? in[at++] : new double[cells * batch * hs];
            double[] hN = new double[cells * batch * hs];
            double[] cN = new double[cells * batch * hs];
            double[] seq = cfg.batchFirst() ? swapFirstTwoAxes(x, batch, steps, inputSize) : x;
            int width = inputSize;
            for (int layer = 0; layer < cfg.numLayers(); layer++) {
                // out: [T, N, D*H], zero where a step is padding
                double[] out = new double[steps * batch * dirs * hs];
                for (int d = 0; d < dirs; d++) {
                    int k = layer * dirs + d;
                    RecurrentCellReference.Params p = new RecurrentCellReference.Params(in[at], in[at + 1],
                            cfg.bias() ? in[at + 2] : null, cfg.bias() ? in[at + 3] : null);
                    at += cfg.bias() ? 4 : 2;
                    for (int n = 0; n < batch; n++) {
                        int len = lengths == null ? steps : lengths[n];
                        int state = (k * batch + n) * hs;
                        double[] h = Arrays.copyOfRange(h0, state, state + hs);
                        double[] c = Arrays.copyOfRange(c0, state, state + hs);
                        for (int s = 0; s < len; s++) {
                            int t = d == 1 ? len - 1 - s : s;
                            int row = t * batch + n;
                            double[] xt = Arrays.copyOfRange(seq, row * width, (row + 1) * width);
                            RecurrentCellReference.step(cfg, p, xt, h, c);
                            System.arraycopy(h, 0, out, row * dirs * hs + d * hs, hs);
                        }
                        System.arraycopy(h, 0, hN, state, hs);
                        System.arraycopy(c, 0, cN, state, hs);
                    }
                }
                seq = out;
                width = dirs * hs;
            }
            double[] y = cfg.batchFirst() ? swapFirstTwoAxes(seq, steps, batch, width) : seq;
            return lstm ? new double[][] {y, hN, cN} : new double[][] {y, hN};
        };
    }

    // a: [A, B, W] -> [B, A, W]
    private static double[] swapFirstTwoAxes(double[] a, int first, int second, int width) {
        double[] out = new double[a.length];
        for (int i = 0; i < first; i++) {
            for (int j = 0; j < second; j++) {
                System.arraycopy(a, (i * second + j) * width, out, (j * first + i) * width, width);
            }
        }
        return out;
    }
}
