package vigil.tensor.ops;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The reusable memory of one layer-direction ({@link CellWeights}): scratch buffers that live for one forward
 * or one backward call (per-step products, double-buffered state, the gate gradients of the whole sequence),
 * so a training loop does not allocate and zero them at every step; and the weights of the products laid out
 * for them (weight_hh and weight_ih transposed for the forward, weight_hh for the backward), with a row stride
 * that keeps the rows a step reads from evicting one another ({@link #stride}).
 *
 * <p>A laid-out weight is cached against a bit-exact copy of the weight it was made from and
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
    private final TransposedWeight hiddenWeightStrided = new TransposedWeight();

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

    /**
     * The row stride of a laid-out weight of n columns: n rounded up to whole 64-byte lines, plus one line when
     * that is an even number of lines. A per-step product reads a strip of every row of its weight; with a stride
     * of an even number of lines (384 floats = 24 lines) those rows fall into a few of the L1 cache's 64 sets and
     * evict one another, while an odd number of lines spreads them over all sets: 64 x 192 x 128 step products
     * measured 83 -> 123 GFLOP/s (4 x 2 block) and 103 -> 139 GFLOP/s (4 x 4 block) on one core.
     */
    static int stride(int n) {
        int lines = (n + 15) / 16;
        return 16 * (lines % 2 == 0 ? lines + 1 : lines);
    }

    /** weight_ih [rows, cols] transposed to [cols, rows] with row stride {@link #stride}(rows), recomputed only when it differs bit for bit from the last one. */
    float[] transposedInput(float[] w, int rows, int cols) {
        return inputWeight.of(w, rows, cols, true);
    }

    /** weight_hh [rows, cols] transposed to [cols, rows] with row stride {@link #stride}(rows), recomputed only when it differs bit for bit from the last one. */
    float[] transposedHidden(float[] w, int rows, int cols) {
        return hiddenWeight.of(w, rows, cols, true);
    }

    /** weight_hh [rows, cols] itself with row stride {@link #stride}(cols) (the backward's dGh W_hh), recomputed as the transposes are. */
    float[] stridedHidden(float[] w, int rows, int cols) {
        return hiddenWeightStrided.of(w, rows, cols, false);
    }

    /** A weight laid out for the step products and the bit-exact copy of the weight it was made from. */
    private static final class TransposedWeight {
        private float[] source;
        private float[] laidOut;
        private int rows;

        float[] of(float[] w, int rows, int cols, boolean transpose) {
            int size = rows * cols;
            if (source != null && this.rows == rows && source.length == size
                    && Arrays.equals(source, 0, size, w, 0, size)) {
                return laidOut;
            }
            int laidOutSize = transpose ? cols * stride(rows) : rows * stride(cols);
            if (source == null || source.length != size || laidOut.length != laidOutSize) {
                source = new float[size];
                laidOut = new float[laidOutSize];
            }
            this.rows = rows;
            System.arraycopy(w, 0, source, 0, size);
            if (transpose) {
                Transpose.into(w, rows, cols, laidOut, stride(rows));
            } else {
                int ld = stride(cols);
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(w, r * cols, laidOut, r * ld, cols);
                }
            }
            return laidOut;
        }
    }
}
