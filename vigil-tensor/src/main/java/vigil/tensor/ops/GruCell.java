package vigil.tensor.ops;

import java.util.Arrays;

/**
 * A GRU layer in one direction over a whole sequence, forward and backward by hand (PyTorch's cell):
 * <pre>
 *   r  = sigmoid(W_ir x + b_ir + W_hr h + b_hr)
 *   z  = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
 *   n  = tanh(W_in x + b_in + r * (W_hn h + b_hn))
 *   h' = (1 - z) * n + z * h
 * </pre>
 * Gate blocks are stacked (r, z, n) in the G*H = 3H rows of weight_ih / weight_hh.
 */
final class GruCell {
    private GruCell() {
    }

    /**
     * Everything the backward reads, flat and time-major:
     * x [T*N, I]; gates [T*N, 3H] holding the activations (r, z, n) of each valid step;
     * hiddenN [T*N, H] = W_hn h + b_hn (r multiplies it, so dr needs it); hPrev [T*N, H] the state each
     * step started from; and the outputs y [T*N, H] (0 on padded steps) and hN [N, H].
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
        // One GEMM for the whole sequence's input side; each step then overwrites its rows in place
        // with the gate activations.
        float[] gates = geo.projectInputs(x, p.wIh(), p.bIh());
        float[] hiddenN = new float[tn * hs];
        float[] hPrev = new float[tn * hs];
        float[] y = new float[tn * hs];
        float[] h = h0.clone();
        float[] hProj = new float[nb * gw];
        for (int s = 0; s < geo.steps(); s++) {
            int t = geo.timeAt(s);
            System.arraycopy(h, 0, hPrev, t * nb * hs, nb * hs);
            geo.projectHidden(h, 0, p.wHh(), p.bHh(), hProj);
            for (int n = 0; n < nb; n++) {
                if (!geo.active(t, n)) {
                    continue;
                }
                int g = (t * nb + n) * gw;
                int hp = n * gw;
                int o = (t * nb + n) * hs;
                for (int j = 0; j < hs; j++) {
                    float r = Activations.sigmoid(gates[g + j] + hProj[hp + j]);
                    float z = Activations.sigmoid(gates[g + hs + j] + hProj[hp + hs + j]);
                    float hn = hProj[hp + 2 * hs + j];
                    float cand = (float) Math.tanh(gates[g + 2 * hs + j] + r * hn);
                    float next = (1f - z) * cand + z * h[n * hs + j];
                    gates[g + j] = r;
                    gates[g + hs + j] = z;
                    gates[g + 2 * hs + j] = cand;
                    hiddenN[o + j] = hn;
                    h[n * hs + j] = next;
                    y[o + j] = next;
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
     * A padded step is the identity on h, so dh passes through it unchanged.
     */
    // dy: [T*N, H], dhN: [N, H] -> LayerGrads (dx only if wantDx)
    static LayerGrads backward(Trace tr, float[] dy, float[] dhN, boolean wantDx) {
        SequenceGeometry geo = tr.geo();
        CellParams p = tr.p();
        int nb = geo.batch();
        int hs = geo.hidden();
        int gw = geo.gateWidth();
        float[] gates = tr.gates();
        float[] dGx = new float[geo.steps() * nb * gw];
        float[] dGh = new float[nb * gw];
        float[] dWhh = new float[gw * hs];
        float[] dbHh = p.bHh() == null ? null : new float[gw];
        float[] dh = dhN.clone();
        float[] dhScratch = new float[nb * hs];
        for (int s = geo.steps() - 1; s >= 0; s--) {
            int t = geo.timeAt(s);
            Arrays.fill(dGh, 0f);
            for (int n = 0; n < nb; n++) {
                if (!geo.active(t, n)) {
                    continue;
                }
                int g = (t * nb + n) * gw;
                int hp = n * gw;
                int o = (t * nb + n) * hs;
                for (int j = 0; j < hs; j++) {
                    float r = gates[g + j];
                    float z = gates[g + hs + j];
                    float cand = gates[g + 2 * hs + j];
                    float dNext = dh[n * hs + j] + dy[o + j];
                    float dCandPre = dNext * (1f - z) * (1f - cand * cand);
                    float dzPre = dNext * (tr.hPrev()[o + j] - cand) * z * (1f - z);
                    float drPre = dCandPre * tr.hiddenN()[o + j] * r * (1f - r);
                    dGx[g + j] = drPre;
                    dGx[g + hs + j] = dzPre;
                    dGx[g + 2 * hs + j] = dCandPre;
                    dGh[hp + j] = drPre;
                    dGh[hp + hs + j] = dzPre;
                    dGh[hp + 2 * hs + j] = r * dCandPre;
                    dh[n * hs + j] = z * dNext; // the carry path; the W_hh paths are added below
                }
            }
            // Padded rows of dGh are 0, so their dh passes through unchanged.
            geo.projectHiddenBackward(dGh, 0, tr.hPrev(), t * nb * hs, p.wHh(), dWhh, dbHh, dhScratch, dh);
        }
        return geo.finishBackward(dGx, tr.x(), p, wantDx, dh, null, dWhh, dbHh);
    }
}
