package vigil.tensor.reference;

import vigil.tensor.ops.RecurrentConfig;

/**
 * One step of one recurrent cell for one batch element, in double, straight from PyTorch's
 * equations (torch.nn.RNN / GRU / LSTM docs). Gate blocks are the H-row blocks of weight_ih [G*H, I]
 * and weight_hh [G*H, H]: RNN (one), GRU (r, z, n), LSTM (i, f, g, o).
 */
final class RecurrentCellReference {
    private RecurrentCellReference() {
    }

    /** One layer-direction's parameters, row-major; the biases are both null when the stack has none. */
    record Params(double[] weightIh, double[] weightHh, double[] biasIh, double[] biasHh) {
    }

    /**
     * x [I], h [H], c [H] (LSTM only, else ignored) -> h and c overwritten with the next state.
     */
    static void step(RecurrentConfig cfg, Params p, double[] x, double[] h, double[] c) {
        int hs = cfg.hiddenSize();
        double[] gi = affine(p.weightIh(), p.biasIh(), x);
        double[] gh = affine(p.weightHh(), p.biasHh(), h);
        double[] next = new double[hs];
        switch (cfg.mode()) {
            case RNN -> {
                // h' = act(W_ih x + b_ih + W_hh h + b_hh)
                boolean relu = cfg.nonlinearity() == RecurrentConfig.Nonlinearity.RELU;
                for (int j = 0; j < hs; j++) {
                    double a = gi[j] + gh[j];
                    next[j] = relu ? Math.max(a, 0) : Math.tanh(a);
                }
            }
            case GRU -> {
                // r, z = sigmoid(W_i x + b_i + W_h h + b_h); n = tanh(W_in x + b_in + r * (W_hn h + b_hn));
                // h' = (1 - z) * n + z * h
                for (int j = 0; j < hs; j++) {
                    double r = sigmoid(gi[j] + gh[j]);
                    double z = sigmoid(gi[hs + j] + gh[hs + j]);
                    double n = Math.tanh(gi[2 * hs + j] + r * gh[2 * hs + j]);
                    next[j] = (1 - z) * n + z * h[j];
                }
            }
            case LSTM -> {
                // i, f, o = sigmoid(.), g = tanh(.); c' = f * c + i * g; h' = o * tanh(c')
                for (int j = 0; j < hs; j++) {
                    double i = sigmoid(gi[j] + gh[j]);
                    double f = sigmoid(gi[hs + j] + gh[hs + j]);
                    double g = Math.tanh(gi[2 * hs + j] + gh[2 * hs + j]);
                    double o = sigmoid(gi[3 * hs + j] + gh[3 * hs + j]);
                    c[j] = f * c[j] + i * g;
                    next[j] = o * Math.tanh(c[j]);
                }
            }
        }
        System.arraycopy(next, 0, h, 0, hs);
    }

    // w: [R, K], b: [R] or null, v: [K] -> [R] = w v + b
    private static double[] affine(double[] w, double[] b, double[] v) {
        int cols = v.length;
        double[] out = new double[w.length / cols];
        for (int r = 0; r < out.length; r++) {
            double s = b == null ? 0 : b[r];
            for (int k = 0; k < cols; k++) {
                s += w[r * cols + k] * v[k];
            }
            out[r] = s;
        }
        return out;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
