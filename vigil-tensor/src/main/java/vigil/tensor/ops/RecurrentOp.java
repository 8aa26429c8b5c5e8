package vigil.tensor.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;

/**
 * Multi-layer, optionally bidirectional RNN / GRU / LSTM over whole sequences, as torch.nn.RNN, GRU
 * and LSTM compute them (PyTorch 1.13), with optional per-element lengths that behave like a
 * pack_padded_sequence input.
 *
 * <p>Each layer-direction is one autograd node whose forward and backward are a cell's hand-written
 * pass over the whole sequence ({@link RnnCell}, {@link GruCell}, {@link LstmCell}); the stack is
 * composed from those nodes with views: a transpose for batch-first, a concat of the two directions
 * (the next layer's input), and a concat of the final states.
 */
public final class RecurrentOp {
    private RecurrentOp() {
    }

    /**
     * @param x       [T, N, I], or [N, T, I] when cfg.batchFirst()
     * @param h0      [L*D, N, H] (never batch-first), or null for zeros
     * @param c0      [L*D, N, H] for an LSTM, or null for zeros; must be null for RNN and GRU
     * @param weights L*D cells, layer-major and direction-minor (l0, l0_reverse, l1, ...), as PyTorch orders them
     * @param lengths valid steps per batch element, each in [0, T], or null when every element has T.
     *                Padded steps leave the state unchanged and output 0, so h_n is each element's
     *                state at its last valid step and the reverse direction starts there.
     * @return y [T, N, D*H] (or [N, T, D*H]) with forward then reverse halves; h_n, c_n [L*D, N, H]
     */
    public static RecurrentOutput forward(RecurrentConfig cfg, Tensor x, Tensor h0, Tensor c0,
                                          List<CellWeights> weights, int[] lengths) {
        String op = cfg.mode().opName();
        boolean lstm = cfg.mode() == RecurrentConfig.Mode.LSTM;
        if (x.rank() != 3) {
            throw new ShapeException(op + ": x must be " + (cfg.batchFirst() ? "[N, T, I]" : "[T, N, I]")
                    + ", got " + Shape.str(x.shape()));
        }
        int steps = cfg.batchFirst() ? x.dim(1) : x.dim(0);
        int batch = cfg.batchFirst() ? x.dim(0) : x.dim(1);
        int dirs = cfg.directions();
        int cells = cfg.numLayers() * dirs;
        int hidden = cfg.hiddenSize();
        checkState(op, "h0", h0, cells, batch, hidden);
        if (lstm) {
            checkState(op, "c0", c0, cells, batch, hidden);
        } else if (c0 != null) {
            throw new IllegalArgumentException(op + ": c0 is only for an LSTM");
        }
        if (weights.size() != cells) {
            throw new IllegalArgumentException(op + ": " + cells + " cells (" + cfg.numLayers() + " layers x " + dirs
                    + " directions) need as many weight sets, got " + weights.size());
        }
        checkLengths(op, lengths, steps, batch);
        Tensor seq = cfg.batchFirst() ? x.transpose(0, 1) : x;
        Tensor[] hN = new Tensor[cells];
        Tensor[] cN = new Tensor[cells];
        for (int layer = 0; layer < cfg.numLayers(); layer++) {
            int inputSize = cfg.layerInputSize(layer, x.dim(2));
            Tensor[] outs = new Tensor[dirs];
            for (int d = 0; d < dirs; d++) {
                int k = layer * dirs + d;
                CellWeights w = weights.get(k);
                checkWeights(cfg, w, layer, d, inputSize);
                SequenceGeometry geo = new SequenceGeometry(steps, batch, inputSize, hidden, cfg.mode().gates(),
                        d == 1, lengths);
                Tensor[] r = layerDirection(cfg, geo, seq, slice(h0, k), slice(c0, k), w);
                outs[d] = r[0];
                hN[k] = r[1];
                cN[k] = lstm ? r[2] : null;
            }
            seq = dirs == 1 ? outs[0] : Views.concat(2, outs);
        }
        Tensor y = cfg.batchFirst() ? Views.contiguous(seq.transpose(0, 1)) : seq;
        return new RecurrentOutput(y, join(hN), lstm ? join(cN) : null);
    }

    /*
     * One layer in one direction as one autograd node.
     * seq: [T, N, I] (any strides), h0, c0: [1, N, H] or null (zeros)
     *   -> {y [T, N, H], h_n [1, N, H], c_n [1, N, H] (LSTM only)}
     */
    private static Tensor[] layerDirection(RecurrentConfig cfg, SequenceGeometry geo, Tensor seq, Tensor h0,
                                           Tensor c0, CellWeights w) {
        int steps = geo.steps();
        int batch = geo.batch();
        int hidden = geo.hidden();
        float[] x = seq.data();
        float[] h = h0 == null ? new float[batch * hidden] : h0.data();
        CellParams p = CellParams.of(w);
        CellTrace trace = switch (cfg.mode()) {
            case RNN -> RnnCell.forward(geo, x, h, p, cfg.nonlinearity() == RecurrentConfig.Nonlinearity.RELU);
            case GRU -> GruCell.forward(geo, x, h, p, w.workspace());
            case LSTM -> LstmCell.forward(geo, x, h, c0 == null ? new float[batch * hidden] : c0.data(), p);
        };
        Tensor y = Tensor.of(trace.y(), steps, batch, hidden);
        Tensor hN = Tensor.of(trace.hN(), 1, batch, hidden);
        Tensor[] outputs = trace.cN() == null ? new Tensor[] {y, hN}
                : new Tensor[] {y, hN, Tensor.of(trace.cN(), 1, batch, hidden)};
        List<Tensor> inputs = new ArrayList<>(Arrays.asList(seq, w.weightIh(), w.weightHh()));
        for (Tensor t : new Tensor[] {h0, c0, w.biasIh(), w.biasHh()}) {
            if (t != null) {
                inputs.add(t);
            }
        }
        String name = cfg.mode().opName() + (geo.reverse() ? "_reverse" : "");
        Autograd.record(name, inputs.toArray(Tensor[]::new), outputs, grads -> {
            boolean wantDx = seq.requiresGrad();
            LayerGrads g = switch (trace) {
                case RnnCell.Trace t -> RnnCell.backward(t, grads[0], grads[1], wantDx);
                case GruCell.Trace t -> GruCell.backward(t, grads[0], grads[1], wantDx);
                case LstmCell.Trace t -> LstmCell.backward(t, grads[0], grads[1], grads[2], wantDx);
            };
            if (wantDx) {
                seq.accumulateGrad(g.dx());
            }
            Autograd.accumulate(h0, g.dh0());
            if (c0 != null) {
                Autograd.accumulate(c0, g.dc0());
            }
            Autograd.accumulate(w.weightIh(), g.dWih());
            Autograd.accumulate(w.weightHh(), g.dWhh());
            if (w.biasIh() != null) {
                Autograd.accumulate(w.biasIh(), g.dbIh());
                Autograd.accumulate(w.biasHh(), g.dbHh());
            }
        });
        return outputs;
    }

    /** The [1, N, H] state of cell k, or null. */
    private static Tensor slice(Tensor state, int k) {
        return state == null ? null : state.slice(0, k, k + 1);
    }

    /** [1, N, H] per cell -> [L*D, N, H]. */
    private static Tensor join(Tensor[] states) {
        return states.length == 1 ? states[0] : Views.concat(0, states);
    }

    private static void checkState(String op, String name, Tensor s, int cells, int batch, int hidden) {
        if (s != null && !Arrays.equals(s.shape(), new int[] {cells, batch, hidden})) {
            throw new ShapeException(op + ": " + name + " must be [L*D, N, H] = " + Shape.str(new int[] {cells, batch, hidden})
                    + ", got " + Shape.str(s.shape()));
        }
    }

    private static void checkLengths(String op, int[] lengths, int steps, int batch) {
        if (lengths == null) {
            return;
        }
        if (lengths.length != batch) {
            throw new IllegalArgumentException(op + ": " + lengths.length + " lengths for a batch of " + batch);
        }
        for (int len : lengths) {
            if (len < 0 || len > steps) {
                throw new IllegalArgumentException(op + ": length " + len + " outside [0, T=" + steps + "] in "
                        + Arrays.toString(lengths));
            }
        }
    }

    private static void checkWeights(RecurrentConfig cfg, CellWeights w, int layer, int direction, int inputSize) {
        String op = cfg.mode().opName();
        String suffix = RecurrentConfig.suffix(layer, direction);
        int rows = cfg.gateWidth();
        checkShape(op, "weight_ih_" + suffix, w.weightIh(), rows, inputSize);
        checkShape(op, "weight_hh_" + suffix, w.weightHh(), rows, cfg.hiddenSize());
        if (cfg.bias() != (w.biasIh() != null)) {
            throw new IllegalArgumentException(op + ": bias_ih_" + suffix + " / bias_hh_" + suffix
                    + (cfg.bias() ? " missing" : " given") + " but the config says bias=" + cfg.bias());
        }
        if (w.biasIh() != null) {
            checkShape(op, "bias_ih_" + suffix, w.biasIh(), rows);
            checkShape(op, "bias_hh_" + suffix, w.biasHh(), rows);
        }
    }

    private static void checkShape(String op, String name, Tensor t, int... expected) {
        if (!Arrays.equals(t.shape(), expected)) {
            throw new ShapeException(op + ": " + name + " has shape " + Shape.str(t.shape()) + ", expected "
                    + Shape.str(expected));
        }
    }
}
