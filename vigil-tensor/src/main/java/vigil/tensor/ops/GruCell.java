package vigil.tensor.ops;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import vigil.tensor.BufferPool;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.parallel.IntRangeBody;
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
 * <p>The input projection of the whole sequence, x W_ih^T + b_ih for all T*N rows, is one product before the
 * recursion (rows split across threads), or, when the steps run unsplit on two threads or more, projected step
 * by step by a second thread ahead of the recursion ({@link SecondThread#preparesAhead}). The steps then run as
 * a {@link Lockstep} chain whose parts are ranges of hidden units (one part, on the calling thread, for steps
 * below {@link #splitMinWork}): a part computes, for its units' three gate columns, the hidden product
 * h(t-1) W_hh^T (the weights transposed once per weight value, see {@link RecurrentWorkspace}), then their gate
 * math ({@link GruGates}), which needs nothing from other units; only h(t) as a whole is shared between steps.
 * The backward mirrors it: a part finishes d h(t) for its units (dGh(t) W_hh over all 3H gate columns, plus the
 * carry) and computes the gate gradients of step t-1 for those units. Only the recursion is sequential: the
 * weight and bias gradients are summed over the steps afterwards ({@link StepSumGemm}, rows split across
 * threads) or, when the steps run unsplit on two threads or more, by a second thread step by step as the
 * recursion leaves each step's gate gradients ({@link SecondThread#followsBehind}; the same additions in the
 * same order); dx, if wanted, is one GEMM at the end. Per-step products are {@link RowStreamGemm} on in-cache
 * rows. So a sequence costs one thread dispatch per pass, not one per step, and every element is computed the
 * same way whatever the thread count.
 */
final class GruCell {
    // Below this many multiply-adds per step (N x 3H x H) the steps are not split across threads, since a split
    // step waits for its partner at every step. On this project's 2-vCPU VM, splitting the benchmark's steps
    // (batch 64, H 128: 3.1 M) gained 3.5 % on a quiet machine (7.77 vs 8.05 ms a training step) and lost 16 %
    // beside one competing busy process (12.18 vs 10.22 ms; in-JVM A/B, 2026-11-29), a preempted partner stalling
    // every step. So only larger steps are split (not measured here: more work per wait). Tests lower it to cover
    // the split.
    static long splitMinWork = 1L << 23;
    // Below this many multiply-adds the input projection runs on the calling thread (batch-1 inference).
    private static final long PROJECT_SPLIT_MIN_WORK = 1L << 20;
    // Rows of the input projection per chunk: 32 rows of x (8 KB at I = 64) stay in L1 across the column strips.
    private static final int PROJECT_ROWS = 32;

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
     * gates, hiddenN, hPrev and h0 are null when the forward ran with gradients off (nothing will read them);
     * used is set by the one backward the trace serves, which gives gates, hiddenN and hPrev back to the pool.
     */
    record Trace(SequenceGeometry geo, CellParams p, RecurrentWorkspace workspace, float[] x, float[] gates,
                 float[] hiddenN, float[] hPrev, float[] h0, float[] y, float[] hN, AtomicBoolean used)
            implements CellTrace {

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
        // The input projection x W_ih^T + b_ih of every step, computed before or alongside the recursion; each step's
        // parts overwrite their gate columns of the step's rows with the gate activations. It, hiddenN and hPrev come
        // from the pool and go back to it once the backward (or, with gradients off, this forward) is done with them:
        // 4-5 MB a training step that were allocated and zeroed (measured: 15% of the forward's time).
        float[] gates = BufferPool.take(tn * gw); // every element is written by the projection
        int in = geo.inputSize();
        float[] hiddenN = keep ? BufferPool.take(tn * hs) : null; // written for every active element, read only there
        // Without lengths every step starts from the previous step's output; with them a padded element
        // carries its state, so the starting states are kept.
        float[] hPrev = keep && geo.lengths() != null ? BufferPool.take(tn * hs) : null; // every row written
        float[] h0Kept = keep && geo.lengths() == null ? h0.clone() : null;
        float[] y = new float[tn * hs];
        RecurrentWorkspace ws = layer.acquire();
        try {
            float[] wIhT = ws.transposedInput(p.wIh(), gw, in);
            float[] wHhT = ws.transposedHidden(p.wHh(), gw, hs);
            int ldw = RecurrentWorkspace.stride(gw);
            // The state alternates between two buffers: step s reads one while the parts write the other.
            float[] stateA = ws.buffer(RecurrentWorkspace.Slot.STATE_A, nb * hs);
            float[] stateB = ws.buffer(RecurrentWorkspace.Slot.STATE_B, nb * hs);
            float[] hProj = ws.buffer(RecurrentWorkspace.Slot.STEP_PRODUCT, nb * gw);
            System.arraycopy(h0, 0, stateA, 0, nb * hs);
            int parts = parts(geo);
            Lockstep.Body step = (s, part) -> {
                int u0 = unitStart(hs, parts, part);
                int u1 = unitStart(hs, parts, part + 1);
                float[] hOld = (s & 1) == 0 ? stateA : stateB;
                float[] hNew = (s & 1) == 0 ? stateB : stateA;
                int t = geo.timeAt(s);
                if (parts == 1) {
                    RowStreamGemm.columns(nb, 0, gw, hs, hOld, 0, hs, wHhT, 0, ldw, false, hProj, 0, gw);
                } else {
                    for (int g = 0; g < 3; g++) {
                        RowStreamGemm.columns(nb, g * hs + u0, g * hs + u1, hs, hOld, 0, hs, wHhT, 0, ldw, false,
                                hProj, 0, gw);
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
            };
            if (parts == 1 && Parallel.threads() > 1 && (long) tn * gw * in >= PROJECT_SPLIT_MIN_WORK) {
                // The recursion on one thread, the projections of the steps ahead of it on a second one.
                SecondThread.preparesAhead(geo.steps(),
                        s -> projectRows(geo.timeAt(s) * nb, (geo.timeAt(s) + 1) * nb, gw, in, x, wIhT, ldw, p.bIh(),
                                gates),
                        s -> step.run(s, 0));
            } else {
                projectInputs(tn, gw, in, x, wIhT, ldw, p.bIh(), gates);
                Lockstep.run(geo.steps(), parts, step);
            }
            float[] hN = Arrays.copyOf((geo.steps() & 1) == 0 ? stateA : stateB, nb * hs);
            if (!keep) {
                BufferPool.give(gates); // no backward will read the activations
            }
            return new Trace(geo, p, layer, x, keep ? gates : null, hiddenN, hPrev, h0Kept, y, hN,
                    new AtomicBoolean());
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
     * db_ih and db_hh += the column sums of dGx(t) and dGh(t), added step by step in processing order once the
     * chain has left dGx and dGh of every step (weightGrads).
     *
     * Phase q of the chain: first d h for the units of the step the previous phase differentiated
     * (dh += dGh(t) W_hh[:, units], reading every part's dGh), then the gate gradients of the next step back
     * for the same units (reading only this part's dh).
     */
    // dy: [T*N, H], dhN: [N, H] -> LayerGrads (dx only if wantDx)
    static LayerGrads backward(Trace tr, float[] dy, float[] dhN, boolean wantDx) {
        SequenceGeometry geo = tr.geo();
        CellParams p = tr.p();
        if (tr.hiddenN() == null) {
            throw new IllegalStateException("gru backward: the forward ran with gradients off and kept no trace");
        }
        // The trace's buffers go back to the pool at the end, so it serves one backward (PyTorch's default too:
        // a second backward through the same graph needs retain_graph there).
        if (!tr.used().compareAndSet(false, true)) {
            throw new IllegalStateException("gru backward: this forward's trace was already used by a backward;"
                    + " run the forward again to differentiate again");
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
            // rows of the gate gradients at the padded stride, as the laid-out weights (RecurrentWorkspace.stride)
            int ldg = RecurrentWorkspace.stride(gw);
            float[] dGx = ws.buffer(RecurrentWorkspace.Slot.GRAD_INPUT_GATES, steps * nb * ldg);
            float[] dGh = ws.buffer(RecurrentWorkspace.Slot.GRAD_HIDDEN_GATES, steps * nb * ldg);
            float[] dh = ws.buffer(RecurrentWorkspace.Slot.GRAD_STATE, nb * hs);
            System.arraycopy(dhN, 0, dh, 0, nb * hs);
            float[] wHh = ws.stridedHidden(p.wHh(), gw, hs);
            int ldh = RecurrentWorkspace.stride(hs);
            int parts = parts(geo);
            Lockstep.Body phase = (q, part) -> {
                int u0 = unitStart(hs, parts, part);
                int u1 = unitStart(hs, parts, part + 1);
                if (q > 0) {
                    int t = geo.timeAt(steps - q);
                    RowStreamGemm.columns(nb, u0, u1, gw, dGh, t * nb * ldg, ldg, wHh, 0, ldh, true, dh, 0, hs);
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
                                    row * hs, dh, n * hs, dGx, row * ldg, dGh, row * ldg);
                        } else {
                            for (int g = 0; g < 3; g++) {
                                Arrays.fill(dGx, row * ldg + g * hs + u0, row * ldg + g * hs + u1, 0f);
                                Arrays.fill(dGh, row * ldg + g * hs + u0, row * ldg + g * hs + u1, 0f);
                            }
                        }
                    }
                }
            };
            if (parts == 1 && Parallel.threads() > 1) {
                // The recursion on one thread; a second sums each step's weight and bias gradients as soon as
                // the recursion has left that step's gate gradients (phase q finishes the q-th step processed),
                // in weightGrads' order, so the same bits.
                SecondThread.followsBehind(steps + 1, q -> phase.run(q, 0), q -> {
                    if (q < steps) {
                        sumSteps(tr, dGx, dGh, ldg, q, q + 1, 0, gw, dWih, dWhh, dbIh, dbHh);
                    }
                });
            } else {
                Lockstep.run(steps + 1, parts, phase);
                weightGrads(tr, dGx, dGh, ldg, dWih, dWhh, dbIh, dbHh);
            }
            float[] dh0 = Arrays.copyOf(dh, nb * hs);
            float[] dx = null;
            if (wantDx) {
                dx = new float[steps * nb * in];
                Gemm.sgemm(false, false, steps * nb, in, gw, dGx, 0, ldg, p.wIh(), 0, in, 0f, dx, 0, in);
            }
            // only now, after the last read: an exception above leaves them to the garbage collector instead
            BufferPool.give(gates);
            BufferPool.give(tr.hiddenN());
            BufferPool.give(tr.hPrev());
            return new LayerGrads(dx, dh0, null, dWih, dWhh, dbIh, dbHh);
        } finally {
            ws.release();
        }
    }

    // How many unit ranges a step is split into: one per thread when the step is big enough.
    private static int parts(SequenceGeometry geo) {
        long work = (long) geo.batch() * geo.gateWidth() * geo.hidden();
        int vectorBlocks = (geo.hidden() + GruGates.LANES - 1) / GruGates.LANES;
        return work < splitMinWork ? 1 : Math.max(1, Math.min(Parallel.threads(), vectorBlocks));
    }

    // First unit of part `part` of `parts`: whole vector blocks, so each unit takes the same vector or scalar
    // path however the units are split (the last part ends at H).
    private static int unitStart(int hs, int parts, int part) {
        int blocks = (hs + GruGates.LANES - 1) / GruGates.LANES;
        return Math.min(hs, (int) ((long) blocks * part / parts) * GruGates.LANES);
    }

    // gates[r, :] = b_ih + x[r] W_ih^T for all T*N rows, before the recursion: one product over the whole
    // sequence, its rows split across threads, in chunks that keep x's rows in L1 while W_ih^T's column strips
    // stream. Each element is the chain the per-step product computed, so the bits are the same.
    private static void projectInputs(int rows, int gw, int in, float[] x, float[] wIhT, int ldw, float[] bIh,
                                      float[] gates) {
        int blocks = (rows + PROJECT_ROWS - 1) / PROJECT_ROWS;
        IntRangeBody body = (lo, hi) -> projectRows(lo * PROJECT_ROWS, Math.min(rows, hi * PROJECT_ROWS), gw, in, x,
                wIhT, ldw, bIh, gates);
        if ((long) rows * gw * in < PROJECT_SPLIT_MIN_WORK) {
            body.run(0, blocks);
        } else {
            Parallel.forRange(blocks, 1, body);
        }
    }

    // gates[r, :] = b_ih + x[r] W_ih^T for rows [r0, r1), PROJECT_ROWS at a time
    private static void projectRows(int r0, int r1, int gw, int in, float[] x, float[] wIhT, int ldw, float[] bIh,
                                    float[] gates) {
        for (int c0 = r0; c0 < r1; c0 += PROJECT_ROWS) {
            int c1 = Math.min(r1, c0 + PROJECT_ROWS);
            if (bIh != null) {
                for (int r = c0; r < c1; r++) {
                    System.arraycopy(bIh, 0, gates, r * gw, gw);
                }
            }
            RowStreamGemm.columns(c1 - c0, 0, gw, in, x, c0 * in, in, wIhT, 0, ldw, bIh != null, gates, c0 * gw, gw);
        }
    }

    /*
     * The weight and bias gradients once the recursion has left dGx and dGh of every step: for each step in
     * the backward's processing order (last step first), dW_hh += dGh(t)^T h(t-1), dW_ih += dGx(t)^T x(t),
     * db_ih and db_hh += the column sums of dGx(t) and dGh(t), each step's share added as the recursion added
     * it ({@link StepSumGemm}), so the bits are those of summing inside the recursion. Rows (gate columns)
     * are split across threads.
     */
    private static void weightGrads(Trace tr, float[] dGx, float[] dGh, int ldg, float[] dWih, float[] dWhh,
                                    float[] dbIh, float[] dbHh) {
        int steps = tr.geo().steps();
        int gw = tr.geo().gateWidth();
        int blocks = (gw + 3) / 4;
        Parallel.forRange(blocks, 1, (lo, hi) -> sumSteps(tr, dGx, dGh, ldg, 0, steps, lo * 4, Math.min(gw, hi * 4),
                dWih, dWhh, dbIh, dbHh));
    }

    // For the steps the backward processed q0-th to (q1 - 1)-th, in that order, and gate rows [i0, i1):
    // dW_hh += dGh(t)^T h(t-1), dW_ih += dGx(t)^T x(t), db_ih and db_hh += the column sums of dGx(t) and dGh(t).
    private static void sumSteps(Trace tr, float[] dGx, float[] dGh, int ldg, int q0, int q1, int i0, int i1,
                                 float[] dWih, float[] dWhh, float[] dbIh, float[] dbHh) {
        SequenceGeometry geo = tr.geo();
        int nb = geo.batch();
        int hs = geo.hidden();
        int in = geo.inputSize();
        int count = q1 - q0;
        int[] gateOffs = new int[count];
        float[][] states = new float[count][];
        int[] stateOffs = new int[count];
        float[][] inputs = new float[count][];
        int[] inputOffs = new int[count];
        for (int k = 0; k < count; k++) {
            int s = geo.steps() - 1 - (q0 + k);
            int t = geo.timeAt(s);
            gateOffs[k] = t * nb * ldg;
            states[k] = tr.stateBefore(s);
            stateOffs[k] = tr.stateBeforeOffset(s);
            inputs[k] = tr.x();
            inputOffs[k] = t * nb * in;
        }
        StepSumGemm.rows(i0, i1, hs, nb, count, dGh, gateOffs, ldg, states, stateOffs, hs, dWhh, hs);
        StepSumGemm.rows(i0, i1, in, nb, count, dGx, gateOffs, ldg, inputs, inputOffs, in, dWih, in);
        sumColumns(dGx, gateOffs, nb, ldg, i0, i1, dbIh);
        sumColumns(dGh, gateOffs, nb, ldg, i0, i1, dbHh);
    }

    // sums[j] += m[r, j] for j in [j0, j1), over the nb rows of each step block (m [*, ldm] at offs[q]) in order;
    // sums may be null. Lane-wise adds in row order: the same bits as the scalar loop.
    private static void sumColumns(float[] m, int[] offs, int nb, int ldm, int j0, int j1, float[] sums) {
        if (sums == null) {
            return;
        }
        int j = j0;
        if (Gemm.VECTOR) {
            for (; j + GATE_LANES <= j1; j += GATE_LANES) {
                FloatVector acc = FloatVector.fromArray(GATE_SPECIES, sums, j);
                for (int off : offs) {
                    for (int n = 0; n < nb; n++) {
                        acc = acc.add(FloatVector.fromArray(GATE_SPECIES, m, off + n * ldm + j));
                    }
                }
                acc.intoArray(sums, j);
            }
        }
        for (; j < j1; j++) {
            float acc = sums[j];
            for (int off : offs) {
                for (int n = 0; n < nb; n++) {
                    acc += m[off + n * ldm + j];
                }
            }
            sums[j] = acc;
        }
    }
}
