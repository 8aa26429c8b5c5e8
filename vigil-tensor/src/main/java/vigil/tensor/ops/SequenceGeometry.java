package vigil.tensor.ops;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * One layer-direction pass over a sequence: T steps of N elements, input width I, hidden width H,
 * G gate blocks; which way time runs; and each element's valid length (null: all T steps valid).
 *
 * <p>It also holds the two matrix products every cell shares, and their backward:
 * the input projection of the whole sequence as one GEMM, and the per-step hidden projection.
 * All arrays are flat row-major, time-major: row (t*N + n) of a [T*N, ...] array is element n at time t.
 *
 * <p>Variable lengths follow PyTorch's packed sequences: element n takes a step at time t only if
 * t &lt; lengths[n] (the caller checks 0 &lt;= lengths[n] &lt;= T); otherwise its state is carried unchanged and its output is 0. Running backward in
 * time, the reverse direction therefore starts from h0 at each element's own last valid step.
 */
record SequenceGeometry(int steps, int batch, int inputSize, int hidden, int gates, boolean reverse, int[] lengths) {

    /** G*H: the width of a row of gates. */
    int gateWidth() {
        return gates * hidden;
    }

    /** The time index handled at processing step s: 0..T-1 forward, T-1..0 reverse. */
    int timeAt(int step) {
        return reverse ? steps - 1 - step : step;
    }

    /** Whether element n takes a step at time t; a padded step keeps the state and outputs 0. */
    boolean active(int t, int n) {
        return lengths == null || t < lengths[n];
    }

    // x: [T*N, I], wIh: [G*H, I], bIh: [G*H] or null -> gates: [T*N, G*H] = x wIh^T + bIh
    float[] projectInputs(float[] x, float[] wIh, float[] bIh) {
        int rows = steps * batch;
        int gw = gateWidth();
        float[] out = new float[rows * gw];
        if (bIh != null) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(bIh, 0, out, r * gw, gw);
            }
        }
        Gemm.sgemm(false, true, rows, gw, inputSize, x, 0, inputSize, wIh, 0, inputSize, 1f, out, 0, gw);
        return out;
    }

    // h: [N, H] at hOff, wHh: [G*H, H], bHh: [G*H] or null -> out: [N, G*H] = h wHh^T + bHh (overwritten)
    void projectHidden(float[] h, int hOff, float[] wHh, float[] bHh, float[] out) {
        int gw = gateWidth();
        if (bHh != null) {
            for (int n = 0; n < batch; n++) {
                System.arraycopy(bHh, 0, out, n * gw, gw);
            }
        } else {
            Arrays.fill(out, 0, batch * gw, 0f);
        }
        Gemm.sgemm(false, true, batch, gw, hidden, h, hOff, hidden, wHh, 0, hidden, 1f, out, 0, gw);
    }

    // Backward of projectHidden for one step. dGh: [N, G*H] at dOff (d loss / d hidden projection),
    // hPrev: [N, H] at hOff. Accumulates dWhh [G*H, H] += dGh^T hPrev and dbHh += column sums, and
    // adds to dh [N, H] the part of d loss / d hPrev that flows through wHh, dGh wHh. Every cell
    // wants that sum; the product is formed whole in scratch [N, H] first (the GEMM would otherwise
    // fold dh into its running sums), so dh rounds once per element.
    void projectHiddenBackward(float[] dGh, int dOff, float[] hPrev, int hOff, float[] wHh,
                               float[] dWhh, float[] dbHh, float[] scratch, float[] dh) {
        int gw = gateWidth();
        Gemm.sgemm(true, false, gw, hidden, batch, dGh, dOff, gw, hPrev, hOff, hidden, 1f, dWhh, 0, hidden);
        if (dbHh != null) {
            addColumnSums(dGh, dOff, batch, dbHh);
        }
        Gemm.sgemm(false, false, batch, hidden, gw, dGh, dOff, gw, wHh, 0, hidden, 0f, scratch, 0, hidden);
        for (int i = 0; i < batch * hidden; i++) {
            dh[i] += scratch[i];
        }
    }

    // Backward of projectInputs, once for the whole sequence; completes a layer's gradients from the
    // recurrent parts the cell accumulated step by step (dh0, dc0, dWhh, dbHh).
    // dGx: [T*N, G*H] (d loss / d input projection), x: [T*N, I] ->
    // dWih [G*H, I] = dGx^T x, dbIh [G*H] = column sums of dGx, dx [T*N, I] = dGx wIh (only if wantDx).
    LayerGrads finishBackward(float[] dGx, float[] x, CellParams p, boolean wantDx,
                              float[] dh0, float[] dc0, float[] dWhh, float[] dbHh) {
        int rows = steps * batch;
        int gw = gateWidth();
        float[] dWih = new float[gw * inputSize];
        Gemm.sgemm(true, false, gw, inputSize, rows, dGx, 0, gw, x, 0, inputSize, 0f, dWih, 0, inputSize);
        float[] dbIh = null;
        if (p.bIh() != null) {
            dbIh = new float[gw];
            addColumnSums(dGx, 0, rows, dbIh);
        }
        float[] dx = null;
        if (wantDx) {
            dx = new float[rows * inputSize];
            Gemm.sgemm(false, false, rows, inputSize, gw, dGx, 0, gw, p.wIh(), 0, inputSize, 0f, dx, 0, inputSize);
        }
        return new LayerGrads(dx, dh0, dc0, dWih, dWhh, dbIh, dbHh);
    }

    // out[j] += sum over rows of m[r, j], each column summed in row order (the vector lanes and the scalar
    // loop give the same bits).
    private void addColumnSums(float[] m, int off, int rows, float[] out) {
        int gw = gateWidth();
        int j = 0;
        if (Gemm.VECTOR) {
            VectorSpecies<Float> s = VectorGemm.species();
            for (; j + s.length() <= gw; j += s.length()) {
                FloatVector acc = FloatVector.fromArray(s, out, j);
                for (int r = 0; r < rows; r++) {
                    acc = acc.add(FloatVector.fromArray(s, m, off + r * gw + j));
                }
                acc.intoArray(out, j);
            }
        }
        for (; j < gw; j++) {
            float acc = out[j];
            for (int r = 0; r < rows; r++) {
                acc += m[off + r * gw + j];
            }
            out[j] = acc;
        }
    }
}
