package vigil.tensor.ops;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The reusable memory of one layer-direction ({@link CellWeights}): scratch buffers that live for one forward
 * or one backward call (per-step products, double-buffered state, the gate gradients of the whole sequence),
 * so a training loop does not allocate and zero them at every step; and the weights of the per-step products
 * (weight_hh, and weight_ih for the input projection) transposed.
 *
 * <p>A transposed weight is cached against a bit-exact copy of the weight it was made from and
 * compared on every use, so it can never be stale, whoever changed the weight (an optimizer step, a loaded
 * state dict, a direct write to {@code data()}): comparing the floats costs a few microseconds,
 * transposing them tens.
 *
 * <p>A call holds the workspace for its duration ({@link #acquire}); a second call that finds it held (another
 * thread using the same layer) gets a private, throw-away one, so buffers are never shared between calls that
 * overlap. Nothing a call returns points into these buffers.
 */
public final class RecurrentWorkspace {
    /** Named buffer slots. */
    enum Slot { STATE_A, STATE_B, STEP_PRODUCT, GRAD_INPUT_GATES, GRAD_HIDDEN_GATES, GRAD_STATE }

    private final AtomicBoolean held = new AtomicBoolean();
    private final boolean shared;
    private final float[][] buffers = new float[Slot.values().length][];
    private final TransposedWeight inputWeight = new TransposedWeight();
    private final TransposedWeight hiddenWeight = new TransposedWeight();

    public RecurrentWorkspace() {
        this(true);
    }

    private RecurrentWorkspace(boolean shared) {
        this.shared = shared;
    }

    /** This workspace if it is free (then {@link #release} it), else a private one for this call only. */
    RecurrentWorkspace acquire() {
        return held.compareAndSet(false, true) ? this : new RecurrentWorkspace(false);
    }

    void release() {
        if (shared) {
            held.set(false);
        }
    }

    /** A buffer of at least size floats; its contents are whatever the last call left. */
    float[] buffer(Slot slot, int size) {
        float[] b = buffers[slot.ordinal()];
        if (b == null || b.length < size) {
            b = new float[size];
            buffers[slot.ordinal()] = b;
        }
        return b;
    }

    /** weight_ih [rows, cols] transposed to [cols, rows], recomputed only when it differs bit for bit from the last one. */
    float[] transposedInput(float[] w, int rows, int cols) {
        return inputWeight.of(w, rows, cols);
    }

    /** weight_hh [rows, cols] transposed to [cols, rows], recomputed only when it differs bit for bit from the last one. */
    float[] transposedHidden(float[] w, int rows, int cols) {
        return hiddenWeight.of(w, rows, cols);
    }

    /** A weight's transpose and the bit-exact copy of the weight it was made from. */
    private static final class TransposedWeight {
        private float[] source;
        private float[] transposed;
        private int rows;

        float[] of(float[] w, int rows, int cols) {
            int size = rows * cols;
            if (source != null && this.rows == rows && source.length == size
                    && Arrays.equals(source, 0, size, w, 0, size)) {
                return transposed;
            }
            if (source == null || source.length != size) {
                source = new float[size];
                transposed = new float[size];
            }
            this.rows = rows;
            System.arraycopy(w, 0, source, 0, size);
            transpose(w, rows, cols, transposed);
            return transposed;
        }
    }

    // [rows, cols] -> [cols, rows], in tiles so both sides stay in cache
    private static void transpose(float[] m, int rows, int cols, float[] t) {
        final int tile = 32;
        for (int r0 = 0; r0 < rows; r0 += tile) {
            int r1 = Math.min(rows, r0 + tile);
            for (int c0 = 0; c0 < cols; c0 += tile) {
                int c1 = Math.min(cols, c0 + tile);
                for (int r = r0; r < r1; r++) {
                    for (int c = c0; c < c1; c++) {
                        t[c * rows + r] = m[r * cols + c];
                    }
                }
            }
        }
    }
}
