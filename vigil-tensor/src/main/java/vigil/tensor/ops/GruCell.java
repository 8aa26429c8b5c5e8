package vigil.tensor.ops;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.parallel.Parallel;

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
 * <p>The sequence runs as a {@link Lockstep} chain of steps whose parts are ranges of hidden units. In the
 * forward a part computes, for its units' three gate columns, the input projection x(t) W_ih^T + b_ih and the
 * hidden product h(t-1) W_hh^T (both weights transposed once per weight value, see
 * {@link RecurrentWorkspace}), then their gate math ({@link GruGates}), which needs nothing from other
 * units; only h(t) as a whole is shared between steps. The backward mirrors it: a part finishes d h(t) for its
 * units (dGh(t) W_hh over all 3H gate columns, plus the carry), computes the gate gradients of step t-1 for
 * those units, and adds that step's share to the rows of dW_ih, dW_hh and the biases its gate columns own.
 * Every product is {@link RowStreamGemm} on in-cache rows; only dx, if wanted, is one GEMM at the end. So a
 * sequence costs one thread dispatch, not one per step, and every element is computed the same way
 * whatever the thread count.
 */
final class GruCell {
    // Below this many multiply-adds per step (N x 3H x H) a step is not split across threads: the wait
    // for the partner would cost more than the halved product (batch-1 inference is ~50k).
    private static final long SPLIT_MIN_WORK = 1L << 18;

    private static final VectorSpecies<Float> GATE_SPECIES = VectorGemm.species();
    private static final int GATE_LANES = GATE_SPECIES.length();

    private GruCell() {
    }

    /**
     * Everything the backward reads, flat and time-major:
     * x [T*N, I]; gates [T*N, 3H] holding the activations (r, z, n) of each valid step;
     * hiddenN [T*N, H] = W_hn h + b_hn (r multiplies it, so dr needs it); the state each step started from:
     * with variable lengths hPrev [T*N, H], else h0 [N, H] (each later step starts from the previous step's y);
     * the outputs y [T*N, H] (0 on padded steps) and hN [N, H]; the layer's workspace.
     * hiddenN, hPrev and h0 are null when the forward ran with gradients off (nothing will read them).
     */
    record Trace(SequenceGeometry geo, CellParams p, RecurrentWorkspace workspace, float[] x, float[] gates,
                 float[] hiddenN, float[] hPrev, float[] h0, float[] y, float[] hN) implements CellTrace {

        /** The array holding the [N, H] state that processing step s started from. */
        float[] stateBefore(int s) {
            return hPrev != null ? hPrev : s == 0 ? h0 : y;
        }

        /** Where in {@link #stateBefore} that block starts. */
        int stateBeforeOffset(int s) {
            int block = geo.batch() * geo.hidden();
            return hPrev != null ? geo.timeAt(s) * block : s == 0 ? 0 : geo.timeAt(s - 1) * block;
        }
    }

    // x: [T*N, I], h0: [N, H] -> Trace with y: [T*N, H], hN: [N, H]
    static Trace forward(SequenceGeometry geo, float[] x, float[] h0, CellParams p, RecurrentWorkspace layer) {
        int tn = geo.steps() * geo.batch();
        int nb = geo.batch();
        int hs = geo.hidden();
        int gw = geo.gateWidth();
        boolean keep = Autograd.isGradEnabled();
        // Each step's parts fill their gate columns of the step's rows with the input projection
        // x(t) W_ih^T + b_ih, then overwrite them with the gate activations.
        float[] gates = new float[tn * gw];
        int in = geo.inputSize();
        float[] hiddenN = keep ? new float[tn * hs] : null;
        // Without lengths every step starts from the previous step's output; with them a padded element
        // carries its state, so the starting states are kept.
        float[] hPrev = keep && geo.lengths() != null ? new float[tn * hs] : null;
        float[] h0Kept = keep && geo.lengths() == null ? h0.clone() : null;
        float[] y = new float[tn * hs];
        RecurrentWorkspace ws = layer.acquire();
        try {
            float[] wIhT = ws.transposedInput(p.wIh(), gw, in);
            float[] wHhT = ws.transposedHidden(p.wHh(), gw, hs);
            // The state alternates between two buffers: step s reads one while the parts write the other.
            float[] stateA = ws.buffer(RecurrentWorkspace.Slot.STATE_A, nb * hs);
            float[] stateB = ws.buffer(RecurrentWorkspace.Slot.STATE_B, nb * hs);
            float[] hProj = ws.buffer(RecurrentWorkspace.Slot.STEP_PRODUCT, nb * gw);
            System.arraycopy(h0, 0, stateA, 0, nb * hs);
            int parts = parts(geo);
            Lockstep.run(geo.steps(), parts, (s, part) -> {
                int u0 = unitStart(hs, parts, part);
                int u1 = unitStart(hs, parts, part + 1);
                float[] hOld = (s & 1) == 0 ? stateA : stateB;
                float[] hNew = (s & 1) == 0 ? stateB : stateA;
                int t = geo.timeAt(s);
                int rows = t * nb * gw;
                if (p.bIh() != null) {
                    for (int n = 0; n < nb; n++) {
                        for (int g = 0; g < 3; g++) {
                            System.arraycopy(p.bIh(), g * hs + u0, gates, rows + n * gw + g * hs + u0, u1 - u0);
                        }
                    }
                }
                if (parts == 1) {
                    RowStreamGemm.columns(nb, 0, gw, in, x, t * nb * in, in, wIhT, 0, gw, p.bIh() != null,
                            gates, rows, gw);
                    RowStreamGemm.columns(nb, 0, gw, hs, hOld, 0, hs, wHhT, 0, gw, false, hProj, 0, gw);
                } else {
                    for (int g = 0; g < 3; g++) {
                        int j0 = g * hs + u0;
                        int j1 = g * hs + u1;
                        RowStreamGemm.columns(nb, j0, j1, in, x, t * nb * in, in, wIhT, 0, gw, p.bIh() != null,
                                gates, rows, gw);
                        RowStreamGemm.columns(nb, j0, j1, hs, hOld, 0, hs, wHhT, 0, gw, false, hProj, 0, gw);
                    }
                }
                for (int n = 0; n < nb; n++) {
                    int row = t * nb + n;
                    if (hPrev != null) {
                        System.arraycopy(hOld, n * hs + u0, hPrev, row * hs + u0, u1 - u0);
                    }
                    if (geo.active(t, n)) {
                        GruGates.forward(hs, u0, u1, gates, row * gw, hProj, n * gw, p.bHh(), hOld, hNew, n * hs,
                                y, row * hs, hiddenN);
                    } else {
                        System.arraycopy(hOld, n * hs + u0, hNew, n * hs + u0, u1 - u0);
                    }
                }
            });
            float[] hN = Arrays.copyOf((geo.steps() & 1) == 0 ? stateA : stateB, nb * hs);
            return new Trace(geo, p, layer, x, gates, hiddenN, hPrev, h0Kept, y, hN);
        } finally {
            ws.release();
        }
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
     * The first two are one product, dGh W_hh, with dGh = (dr_pre, dz_pre, r * dn_pre); the carry is added.
     * A padded step is the identity on h, so dh passes through it unchanged (its dGx and dGh rows are 0).
     * The weight and bias gradients are sums over steps: dW_ih += dGx(t)^T x(t), dW_hh += dGh(t)^T h(t-1),
     * db_ih and db_hh += the column sums of dGx(t) and dGh(t), added step by step in processing order.
     *
     * Phase q of the chain: first d h for the units of the step the previous phase differentiated
     * (dh += dGh(t) W_hh[:, units], reading every part's dGh), then the gate gradients of the next step back
     * for the same units (reading only this part's dh) and their rows of the weight gradients.
     */
    // dy: [T*N, H], dhN: [N, H] -> LayerGrads (dx only if wantDx)
    static LayerGrads backward(Trace tr, float[] dy, float[] dhN, boolean wantDx) {
        SequenceGeometry geo = tr.geo();
        CellParams p = tr.p();
        if (tr.hiddenN() == null) {
            throw new IllegalStateException("gru backward: the forward ran with gradients off and kept no trace");
        }
        int steps = geo.steps();
        int nb = geo.batch();
        int hs = geo.hidden();
        int gw = geo.gateWidth();
        float[] gates = tr.gates();
        float[] dbIh = p.bIh() == null ? null : new float[gw];
        float[] dbHh = p.bHh() == null ? null : new float[gw];
        float[] dWhh = new float[gw * hs];
        int in = geo.inputSize();
        float[] dWih = new float[gw * in];
        float[] x = tr.x();
        RecurrentWorkspace ws = tr.workspace().acquire();
        try {
            float[] dGx = ws.buffer(RecurrentWorkspace.Slot.GRAD_INPUT_GATES, steps * nb * gw);
            float[] dGh = ws.buffer(RecurrentWorkspace.Slot.GRAD_HIDDEN_GATES, steps * nb * gw);
            float[] dh = ws.buffer(RecurrentWorkspace.Slot.GRAD_STATE, nb * hs);
            System.arraycopy(dhN, 0, dh, 0, nb * hs);
            int parts = parts(geo);
            Lockstep.run(steps + 1, parts, (q, part) -> {
                int u0 = unitStart(hs, parts, part);
                int u1 = unitStart(hs, parts, part + 1);
                if (q > 0) {
                    int t = geo.timeAt(steps - q);
                    RowStreamGemm.columns(nb, u0, u1, gw, dGh, t * nb * gw, gw, p.wHh(), 0, hs, true, dh, 0, hs);
                }
                if (q < steps) {
                    int s = steps - 1 - q;
                    int t = geo.timeAt(s);
                    float[] hPrev = tr.stateBefore(s);
                    int po = tr.stateBeforeOffset(s);
                    for (int n = 0; n < nb; n++) {
                        int row = t * nb + n;
                        if (geo.active(t, n)) {
                            GruGates.backward(hs, u0, u1, gates, row * gw, hPrev, po + n * hs, tr.hiddenN(), dy,
                                    row * hs, dh, n * hs, dGx, row * gw, dGh, row * gw);
                        } else {
                            for (int g = 0; g < 3; g++) {
                                Arrays.fill(dGx, row * gw + g * hs + u0, row * gw + g * hs + u1, 0f);
                                Arrays.fill(dGh, row * gw + g * hs + u0, row * gw + g * hs + u1, 0f);
                            }
                        }
                    }
                    addGateColumns(dGx, t * nb, nb, gw, hs, u0, u1, dbIh);
                    addGateColumns(dGh, t * nb, nb, gw, hs, u0, u1, dbHh);
                    // this step's share of the weight gradients, rows of this part's gate columns:
                    // dW_hh += dGh(t)^T h(t-1), dW_ih += dGx(t)^T x(t)
                    for (int g = 0; g < 3; g++) {
                        int i0 = g * hs + u0;
                        int i1 = g * hs + u1;
                        RowStreamGemm.transposedA(i0, i1, hs, nb, dGh, t * nb * gw, gw, hPrev, po, hs,
                                dWhh, 0, hs);
                        RowStreamGemm.transposedA(i0, i1, in, nb, dGx, t * nb * gw, gw, x, t * nb * in, in,
                                dWih, 0, in);
                    }
                }
            });
            float[] dh0 = Arrays.copyOf(dh, nb * hs);
            float[] dx = null;
            if (wantDx) {
                dx = new float[steps * nb * in];
                Gemm.sgemm(false, false, steps * nb, in, gw, dGx, 0, gw, p.wIh(), 0, in, 0f, dx, 0, in);
            }
            return new LayerGrads(dx, dh0, null, dWih, dWhh, dbIh, dbHh);
        } finally {
            ws.release();
        }
    }

    // How many unit ranges a step is split into: one per thread when the step is big enough.
    private static int parts(SequenceGeometry geo) {
        long work = (long) geo.batch() * geo.gateWidth() * geo.hidden();
        int vectorBlocks = (geo.hidden() + GruGates.LANES - 1) / GruGates.LANES;
        return work < SPLIT_MIN_WORK ? 1 : Math.max(1, Math.min(Parallel.threads(), vectorBlocks));
    }

    // First unit of part `part` of `parts`: whole vector blocks, so each unit takes the same vector or scalar
    // path however the units are split (the last part ends at H).
    private static int unitStart(int hs, int parts, int part) {
        int blocks = (hs + GruGates.LANES - 1) / GruGates.LANES;
        return Math.min(hs, (int) ((long) blocks * part / parts) * GruGates.LANES);
    }

    // sums[c] += m[r, c] for rows r = r0..r0+rows-1 in order and the three gate blocks' columns of units
    // [u0, u1) (m [*, gw]); sums may be null. Lane-wise adds in row order: the same bits as the scalar loop.
    private static void addGateColumns(float[] m, int r0, int rows, int gw, int hs, int u0, int u1, float[] sums) {
        if (sums == null) {
            return;
        }
        for (int g = 0; g < 3; g++) {
            int j = g * hs + u0;
            int end = g * hs + u1;
            if (Gemm.VECTOR) {
                for (; j + GATE_LANES <= end; j += GATE_LANES) {
                    FloatVector acc = FloatVector.fromArray(GATE_SPECIES, sums, j);
                    for (int r = r0; r < r0 + rows; r++) {
                        acc = acc.add(FloatVector.fromArray(GATE_SPECIES, m, r * gw + j));
                    }
                    acc.intoArray(sums, j);
                }
            }
            for (; j < end; j++) {
                float acc = sums[j];
                for (int r = r0; r < r0 + rows; r++) {
                    acc += m[r * gw + j];
                }
                sums[j] = acc;
            }
        }
    }
}
