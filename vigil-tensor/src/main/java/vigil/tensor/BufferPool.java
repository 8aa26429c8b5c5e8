package vigil.tensor;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Recycles the float buffers of intermediate gradients. Backward frees the gradient of each non-retained
 * intermediate tensor as soon as it has been propagated ({@link Tensor#releaseGrad}); that buffer comes here,
 * and the next op that asks for a buffer of the same length (a gradient further down the tape, or an
 * activation of the next step's forward) gets it instead of a fresh allocation, so a training loop stops
 * producing a full-size garbage array per op and pass.
 *
 * <p>Only ops that opt in take buffers, and they say whether they need zeros ({@link #takeZeroed}) or will
 * overwrite every element ({@link #take}). A buffer given here must be unreachable by its giver (the gradient
 * buffer of an intermediate tensor is: gradients are handed over, never shared). The pool holds at most
 * {@link #MAX_POOLED_FLOATS} floats; beyond that, given buffers are left to the garbage collector.
 */
public final class BufferPool {
    /** The most floats the pool keeps (256 MiB), so it never holds more than a few activations' worth. */
    public static final long MAX_POOLED_FLOATS = 64L << 20;
    // buffers shorter than this are cheaper to allocate than to look up
    private static final int MIN_POOLED_LENGTH = 4096;
    private static final Map<Integer, ArrayDeque<float[]>> FREE = new HashMap<>();
    private static long pooledFloats;

    private BufferPool() {
    }

    /** A buffer of exactly n floats with arbitrary contents: the caller overwrites every element. */
    public static float[] take(int n) {
        float[] a = pooled(n);
        return a != null ? a : new float[n];
    }

    /** A buffer of exactly n zeros. */
    public static float[] takeZeroed(int n) {
        float[] a = pooled(n);
        if (a == null) {
            return new float[n];
        }
        Arrays.fill(a, 0f);
        return a;
    }

    private static float[] pooled(int n) {
        if (n < MIN_POOLED_LENGTH) {
            return null;
        }
        synchronized (FREE) {
            ArrayDeque<float[]> free = FREE.get(n);
            if (free == null || free.isEmpty()) {
                return null;
            }
            pooledFloats -= n;
            return free.pop();
        }
    }

    /** Hands a buffer back; the caller must hold the only reference to it. */
    public static void give(float[] a) {
        if (a == null || a.length < MIN_POOLED_LENGTH) {
            return;
        }
        synchronized (FREE) {
            if (pooledFloats + a.length > MAX_POOLED_FLOATS) {
                return;
            }
            FREE.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
            pooledFloats += a.length;
        }
    }

    /** Floats currently pooled (for tests and memory reports). */
    public static long pooledFloats() {
        synchronized (FREE) {
            return pooledFloats;
        }
    }

    /** Drops every pooled buffer (tests; a caller that wants the memory back). */
    public static void clear() {
        synchronized (FREE) {
            FREE.clear();
            pooledFloats = 0;
        }
    }
}
