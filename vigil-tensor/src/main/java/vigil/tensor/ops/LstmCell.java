package vigil.tensor.ops;

/**
 * An LSTM layer in one direction over a whole sequence, forward and backward by hand (PyTorch's cell):
 * <pre>
 *   i = sigmoid(W_ii x + b_ii + W_hi h + b_hi)     f = sigmoid(W_if x + b_if + W_hf h + b_hf)
 *   g = tanh(W_ig x + b_ig + W_hg h + b_hg)        o = sigmoid(W_io x + b_io + W_ho h + b_ho)
 *   c' = f * c + i * g                             h' = o * tanh(c')
 * </pre>
 * Gate blocks are stacked (i, f, g, o) in the G*H = 4H rows of weight_ih / weight_hh.
 */
final class LstmCell {
    private LstmCell() {
    }

    /**
     * Everything the backward reads, flat and time-major: x [T*N, I]; gates [T*N, 4H] holding the
     * activations (i, f, g, o) of each valid step; hPrev and cPrev [T*N, H], the states each step
     * started from; tanhC [T*N, H] = tanh(c'); outputs y [T*N, H] (0 on padded steps), hN and cN [N, H].
     */
    record Trace(SequenceGeometry geo, CellParams p, float[] x, float[] gates, float[] hPrev, float[] cPrev,
                 float[] tanhC, float[] y, float[] hN, float[] cN) implements CellTrace {
    }

    // x: [T*N, I], h0, c0: [N, H] -> Trace with y: [T*N, H], hN, cN: [N, H]
    static Trace forward(SequenceGeometry geo, float[] x, float[] h0, float[] c0, CellParams p) {
        int tn = geo.steps() * geo.batch();
        int nb = geo.batch();
        int hs = geo.hidden();
        int gw = geo.gateWidth();
        float[] gates = geo.projectInputs(x, p.wIh(), p.bIh());
        float[] hPrev = new float[tn * hs];
        float[] cPrev = new float[tn * hs];
        float[] tanhC = new float[tn * hs];
        float[] y = new float[tn * hs];
        float[] h = h0.clone();
        float[] c = c0.clone();
        float[] hProj = new float[nb * gw];
        for (int s = 0; s < geo.steps(); s++) {
            int t = geo.timeAt(s);
            System.arraycopy(h, 0, hPrev, t * nb * hs, nb * hs);
            System.arraycopy(c, 0, cPrev, t * nb * hs, nb * hs);
            geo.projectHidden(h, 0, p.wHh(), p.bHh(), hProj);
            for (int n = 0; n < nb; n++) {
                if (!geo.active(t, n)) {
                    continue;
                }
                int g = (t * nb + n) * gw;
                int hp = n * gw;
                int o = (t * nb + n) * hs;
                for (int j = 0; j < hs; j++) {
                    float in = Activations.sigmoid(gates[g + j] + hProj[hp + j]);
                    float forget = Activations.sigmoid(gates[g + hs + j] + hProj[hp + hs + j]);
                    float cell = (float) Math.tanh(gates[g + 2 * hs + j] + hProj[hp + 2 * hs + j]);
                    float out = Activations.sigmoid(gates[g + 3 * hs + j] + hProj[hp + 3 * hs + j]);
                    float cNext = forget * c[n * hs + j] + in * cell;
                    float tc = (float) Math.tanh(cNext);
                    gates[g + j] = in;
                    gates[g + hs + j] = forget;
                    gates[g + 2 * hs + j] = cell;
                    gates[g + 3 * hs + j] = out;
                    tanhC[o + j] = tc;
                    c[n * hs + j] = cNext;
                    h[n * hs + j] = out * tc;
                    y[o + j] = out * tc;
                }
            }
        }
        return new Trace(geo, p, x, gates, hPrev, cPrev, tanhC, y, h, c);
    }

    /*
     * Backward through time. Per valid step, with dh' (from the next step plus dy[t]) and dc' (from the
     * next step, or dc_n):
     *   dc     = dc' + dh' * o * (1 - tanh(c')^2)      (c' reaches the loss directly and through h')
     *   do_pre = dh' * tanh(c') * o * (1 - o)
     *   di_pre = dc * g * i * (1 - i)                  df_pre = dc * c * f * (1 - f)
     *   dg_pre = dc * i * (1 - g^2)
     *   dc(t-1) = dc * f                                dh(t-1) = W_hh^T (di, df, dg, do)_pre
     * The input and hidden projections see the same pre-activation gradients, so each step's dGh is
     * its own rows of dGx. A padded step is the identity on (h, c): both gradients pass through it.
     */
    // dy: [T*N, H], dhN, dcN: [N, H] -> LayerGrads with dc0 (dx only if wantDx)
    static LayerGrads backward(Trace tr, float[] dy, float[] dhN, float[] dcN, boolean wantDx) {
        SequenceGeometry geo = tr.geo();
        CellParams p = tr.p();
        int nb = geo.batch();
        int hs = geo.hidden();
        int gw = geo.gateWidth();
        float[] gates = tr.gates();
        float[] dGx = new float[geo.steps() * nb * gw];
        float[] dWhh = new float[gw * hs];
        float[] dbHh = p.bHh() == null ? null : new float[gw];
        float[] dh = dhN.clone();
        float[] dc = dcN.clone();
        float[] dhScratch = new float[nb * hs];
        for (int s = geo.steps() - 1; s >= 0; s--) {
            int t = geo.timeAt(s);
            for (int n = 0; n < nb; n++) {
                if (!geo.active(t, n)) {
                    continue;
                }
                int g = (t * nb + n) * gw;
                int o = (t * nb + n) * hs;
                for (int j = 0; j < hs; j++) {
                    float in = gates[g + j];
                    float forget = gates[g + hs + j];
                    float cell = gates[g + 2 * hs + j];
                    float out = gates[g + 3 * hs + j];
                    float tc = tr.tanhC()[o + j];
                    float dhNext = dh[n * hs + j] + dy[o + j];
                    float dcNext = dc[n * hs + j] + dhNext * out * (1f - tc * tc);
                    dGx[g + j] = dcNext * cell * in * (1f - in);
                    dGx[g + hs + j] = dcNext * tr.cPrev()[o + j] * forget * (1f - forget);
                    dGx[g + 2 * hs + j] = dcNext * in * (1f - cell * cell);
                    dGx[g + 3 * hs + j] = dhNext * tc * out * (1f - out);
                    dc[n * hs + j] = dcNext * forget;
                    dh[n * hs + j] = 0f; // h(t-1) reaches the loss only through W_hh, added below
                }
            }
            // Padded rows of dGx are 0, so the GEMM adds nothing to their carried dh.
            geo.projectHiddenBackward(dGx, t * nb * gw, tr.hPrev(), t * nb * hs, p.wHh(), dWhh, dbHh, dhScratch, dh);
        }
        return geo.finishBackward(dGx, tr.x(), p, wantDx, dh, dc, dWhh, dbHh);
    }
}
