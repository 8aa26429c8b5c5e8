package vigil.tensor.ops;

/**
 * A plain (Elman) RNN layer in one direction over a whole sequence, forward and backward by hand:
 * h' = act(W_ih x + b_ih + W_hh h + b_hh), act = tanh or relu (PyTorch's nn.RNN).
 */
final class RnnCell {
    private RnnCell() {
    }

    /**
     * Everything the backward reads, flat and time-major: x [T*N, I]; hPrev [T*N, H], the state each
     * step started from; outputs y [T*N, H] (h' on valid steps, 0 on padded ones) and hN [N, H].
     * The activation's derivative is read off its output (tanh: 1 - h'^2; relu: h' &gt; 0), so no
     * pre-activation is kept.
     */
    record Trace(SequenceGeometry geo, CellParams p, boolean relu, float[] x, float[] hPrev, float[] y, float[] hN)
            implements CellTrace {
    }

    // x: [T*N, I], h0: [N, H] -> Trace with y: [T*N, H], hN: [N, H]
    static Trace forward(SequenceGeometry geo, float[] x, float[] h0, CellParams p, boolean relu) {
        int tn = geo.steps() * geo.batch();
        int nb = geo.batch();
        int hs = geo.hidden();
        float[] pre = geo.projectInputs(x, p.wIh(), p.bIh());
        float[] hPrev = new float[tn * hs];
        float[] y = new float[tn * hs];
        float[] h = h0.clone();
        float[] hProj = new float[nb * hs];
        for (int s = 0; s < geo.steps(); s++) {
            int t = geo.timeAt(s);
            System.arraycopy(h, 0, hPrev, t * nb * hs, nb * hs);
            geo.projectHidden(h, 0, p.wHh(), p.bHh(), hProj);
            for (int n = 0; n < nb; n++) {
                if (!geo.active(t, n)) {
                    continue;
                }
                int o = (t * nb + n) * hs;
                for (int j = 0; j < hs; j++) {
                    float a = pre[o + j] + hProj[n * hs + j];
                    float next = relu ? Math.max(a, 0f) : (float) Math.tanh(a);
                    h[n * hs + j] = next;
                    y[o + j] = next;
                }
            }
        }
        return new Trace(geo, p, relu, x, hPrev, y, h);
    }

    /*
     * Backward through time. Per valid step, with dh' from the next step plus dy[t]:
     *   da = dh' * act'(a)          (tanh: 1 - h'^2, relu: 1 where h' > 0)
     *   dh(t-1) = W_hh^T da
     * Both projections see da. A padded step is the identity on h, so dh passes through it.
     */
    // dy: [T*N, H], dhN: [N, H] -> LayerGrads (dx only if wantDx)
    static LayerGrads backward(Trace tr, float[] dy, float[] dhN, boolean wantDx) {
        SequenceGeometry geo = tr.geo();
        CellParams p = tr.p();
        int nb = geo.batch();
        int hs = geo.hidden();
        float[] y = tr.y();
        float[] dGx = new float[geo.steps() * nb * hs];
        float[] dWhh = new float[hs * hs];
        float[] dbHh = p.bHh() == null ? null : new float[hs];
        float[] dh = dhN.clone();
        float[] dhScratch = new float[nb * hs];
        for (int s = geo.steps() - 1; s >= 0; s--) {
            int t = geo.timeAt(s);
            for (int n = 0; n < nb; n++) {
                if (!geo.active(t, n)) {
                    continue;
                }
                int o = (t * nb + n) * hs;
                for (int j = 0; j < hs; j++) {
                    float dNext = dh[n * hs + j] + dy[o + j];
                    float out = y[o + j];
                    dGx[o + j] = tr.relu() ? (out > 0f ? dNext : 0f) : dNext * (1f - out * out);
                    dh[n * hs + j] = 0f; // h(t-1) reaches the loss only through W_hh, added below
                }
            }
            geo.projectHiddenBackward(dGx, t * nb * hs, tr.hPrev(), t * nb * hs, p.wHh(), dWhh, dbHh, dhScratch, dh);
        }
        return geo.finishBackward(dGx, tr.x(), p, wantDx, dh, null, dWhh, dbHh);
    }
}
