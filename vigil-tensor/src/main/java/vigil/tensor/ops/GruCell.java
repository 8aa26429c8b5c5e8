package vigil.tensor.ops;

import vigil.tensor.autograd.Autograd;

/**
 * A GRU layer in one direction over a whole sequence, forward and backward by hand (PyTorch's cell):
 * <pre>
 *   r  = sigmoid(W_ir x + b_ir + W_hr h + b_hr)
 *   z  = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
 *   n  = tanh(W_in x + b_in + r * (W_hn h + b_hn))
 *   h' = (1 - z) * n + z * h
 * </pre>
 * Gate blocks are stacked (r, z, n) in the G*H = 3H rows of weight_ih / weight_hh.
 *
 * <p>Matrix work is batched as wide as the recurrence allows: the input projection of the whole sequence is
 * one GEMM ([T*N, I] x [I, 3H]); each step does one GEMM for the hidden projection into a reused [N, 3H]
 * buffer and then the fused pointwise kernel {@link GruGates}. The backward mirrors it: per step the fused
 * gate gradients and one GEMM for d h(t-1); the weight gradients are whole-sequence GEMMs at the end
 * (dW_ih = dGx^T X, dW_hh = dGh^T Hprev over all T*N rows).
 */
final class GruCell {
    private GruCell() {
    }

    /**
     * Everything the backward reads, flat and time-major:
     * x [T*N, I]; gates [T*N, 3H] holding the activations (r, z, n) of each valid step;
     * hiddenN [T*N, H] = W_hn h + b_hn (r multiplies it, so dr needs it); hPrev [T*N, H] the state each
     * step started from; and the outputs y [T*N, H] (0 on padded steps) and hN [N, H].
     * hiddenN and hPrev are null when the forward ran with gradients off (nothing will read them).
     */
    record Trace(SequenceGeometry geo, CellParams p, float[] x, float[] gates, float[] hiddenN, float[] hPrev,
                 float[] y, float[] hN) implements CellTrace {
    }

    // x: [T*N, I], h0: [N, H] -> Trace with y: [T*N, H], hN: [N, H]
    static Trace forward(SequenceGeometry geo, float[] x, float[] h0, CellParams p) {
        int tn = geo.steps() * geo.batch();
        int nb = geo.batch();
        int hs = geo.hidden();
        int gw = geo.gateWidth();
        boolean keep = Autograd.isGradEnabled();
        // One GEMM for the whole sequence's input side; each step then overwrites its rows in place
        // with the gate activations.
        float[] gates = geo.projectInputs(x, p.wIh(), p.bIh());
        float[] hiddenN = keep ? new float[tn * hs] : null;
        float[] hPrev = keep ? new float[tn * hs] : null;
        float[] y = new float[tn * hs];
        float[] h = h0.clone();
        float[] hProj = new float[nb * gw];
        float[] wHhT = Gemm.VECTOR ? SequenceGeometry.transpose(p.wHh(), gw, hs) : null;
        for (int s = 0; s < geo.steps(); s++) {
            int t = geo.timeAt(s);
            if (keep) {
                System.arraycopy(h, 0, hPrev, t * nb * hs, nb * hs);
            }
            if (wHhT != null) {
                geo.projectHiddenTransposed(h, wHhT, p.bHh(), hProj);
            } else {
                geo.projectHidden(h, 0, p.wHh(), p.bHh(), hProj);
            }
            for (int n = 0; n < nb; n++) {
                if (geo.active(t, n)) {
                    int row = t * nb + n;
                    GruGates.forward(hs, gates, row * gw, hProj, n * gw, h, n * hs, y, row * hs, hiddenN);
                }
            }
        }
        return new Trace(geo, p, x, gates, hiddenN, hPrev, y, h);
    }

    /*
     * Backward through time. Per valid step, with dh' = d loss / d h' (from the next step plus dy[t]):
     *   dn     = dh' * (1 - z)              dz     = dh' * (h - n)
     *   dn_pre = dn * (1 - n^2)             dz_pre = dz * z * (1 - z)
     *   dr     = dn_pre * (W_hn h + b_hn)   dr_pre = dr * r * (1 - r)
     * The input projection sees (dr_pre, dz_pre, dn_pre); the hidden projection sees
     * (dr_pre, dz_pre, r * dn_pre), because W_hn h + b_hn enters n only through r * (...).
     * h(t-1) is used three times, so its gradient is the sum of the three paths:
     *   gates:      W_hr^T dr_pre + W_hz^T dz_pre
     *   candidate:  W_hn^T (r * dn_pre)
     *   carry:      z * dh'
     * The first two are one GEMM, dGh W_hh, with dGh = (dr_pre, dz_pre, r * dn_pre); the carry is added.
     * A padded step is the identity on h, so dh passes through it unchanged (its dGx and dGh rows stay 0).
     * dGx and dGh of every step are kept, so dW_ih, dW_hh and the biases are each one product at the end.
     */
    // dy: [T*N, H], dhN: [N, H] -> LayerGrads (dx only if wantDx)
    static LayerGrads backward(Trace tr, float[] dy, float[] dhN, boolean wantDx) {
        SequenceGeometry geo = tr.geo();
        CellParams p = tr.p();
        if (tr.hPrev() == null) {
            throw new IllegalStateException("gru backward: the forward ran with gradients off and kept no trace");
        }
        int nb = geo.batch();
        int hs = geo.hidden();
        int gw = geo.gateWidth();
        float[] gates = tr.gates();
        float[] dGx = new float[geo.steps() * nb * gw];
        float[] dGh = new float[geo.steps() * nb * gw];
        float[] dh = dhN.clone();
        float[] dhScratch = new float[nb * hs];
        for (int s = geo.steps() - 1; s >= 0; s--) {
            int t = geo.timeAt(s);
            for (int n = 0; n < nb; n++) {
                if (geo.active(t, n)) {
                    int row = t * nb + n;
                    GruGates.backward(hs, gates, row * gw, tr.hPrev(), tr.hiddenN(), dy, row * hs,
                            dh, n * hs, dGx, row * gw, dGh, row * gw);
                }
            }
            geo.hiddenInputGrad(dGh, t * nb * gw, p.wHh(), dhScratch, dh);
        }
        float[] dWhh = new float[gw * hs];
        float[] dbHh = p.bHh() == null ? null : new float[gw];
        geo.hiddenWeightGrad(dGh, tr.hPrev(), dWhh, dbHh);
        return geo.finishBackward(dGx, tr.x(), p, wantDx, dh, null, dWhh, dbHh);
    }
}
