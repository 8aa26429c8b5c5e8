package vigil.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Recycles float buffers of op outputs and gradients. Backward frees the gradient of each non-retained
 * intermediate tensor as soon as it has been propagated ({@link Tensor#releaseGrad}); a closing
 * {@link TensorScope} gives back the activations of its step. The next op that asks for a buffer of the same
 * length gets it instead of a fresh allocation, so a training loop stops producing a full-size garbage array
 * per op and pass.
 *
 * <p>Only ops that opt in take buffers, and they say whether they need zeros ({@link #takeZeroed}) or will
 * overwrite every element ({@link #take}). A buffer given here must be unreachable by its giver (the gradient
 * buffer of an intermediate tensor is: gradients are handed over, never shared); giving one buffer twice
 * throws. A buffer taken on a thread with an open {@link TensorScope} is on loan to that scope until it is
 * given back, handed to a leaf as its gradient, or the scope closes (which recycles it unless it was kept).
 *
 * <p>Size: the pool holds at most {@link #MAX_POOLED_FLOATS} floats of released gradients plus what the last
 * closed scope recycled (a step's activations, which the next step takes again); on that recycle it drops
 * first the buffers of lengths the step did not ask for, so changing shapes cannot make it grow without bound.
 * All state is behind one lock: ops take and give from the forRange workers too.
 */
public final class BufferPool {
    /** The most floats (256 MiB) the pool keeps beyond the last closed step scope's activations. */
    public static final long MAX_POOLED_FLOATS = 64L << 20;
    // buffers shorter than this are cheaper to allocate than to look up
    private static final int MIN_POOLED_LENGTH = 4096;
    private static final Object LOCK = new Object();
    private static final Map<Integer, ArrayDeque<float[]>> FREE = new HashMap<>();
    // the step (scope close) at which each length was last taken, to drop stale lengths first
    private static final Map<Integer, Long> LAST_TAKEN = new HashMap<>();
    private static final Map<float[], Boolean> POOLED = new IdentityHashMap<>();
    private static final Map<float[], TensorScope> LEASES = new IdentityHashMap<>();
    private static long pooledFloats;
    private static long freshFloats;
    private static long scopeAllowance;
    private static long generation;

    private BufferPool() {
    }

    /** A buffer of exactly n floats with arbitrary contents: the caller overwrites every element. */
    public static float[] take(int n) {
        return obtain(n, false);
    }

    /** A buffer of exactly n zeros. */
    public static float[] takeZeroed(int n) {
        return obtain(n, true);
    }

    // a pooled buffer of length n, else a fresh one; on loan to this thread's open scope, if any
    private static float[] obtain(int n, boolean zeroed) {
        if (n < MIN_POOLED_LENGTH) {
            return new float[n];
        }
        float[] a = null;
        synchronized (LOCK) {
            ArrayDeque<float[]> free = FREE.get(n);
            if (free != null && !free.isEmpty()) {
                a = free.pop();
                POOLED.remove(a);
                pooledFloats -= n;
            } else {
                freshFloats += n;
            }
            LAST_TAKEN.put(n, generation);
        }
        // allocation and zeroing outside the lock: the forRange workers take buffers too
        if (a == null) {
            a = new float[n];
        } else if (zeroed) {
            Arrays.fill(a, 0f);
        }
        TensorScope scope = TensorScope.current();
        if (scope != null) {
            synchronized (LOCK) {
                LEASES.put(a, scope);
            }
            scope.leased(a);
        }
        return a;
    }

    /** Hands a buffer back; the caller must hold the only reference to it. */
    public static void give(float[] a) {
        if (a == null || a.length < MIN_POOLED_LENGTH) {
            return;
        }
        synchronized (LOCK) {
            LEASES.remove(a);
            if (POOLED.containsKey(a)) {
                throw new IllegalStateException("a buffer of " + a.length + " floats was given to the pool twice");
            }
            if (pooledFloats + a.length > MAX_POOLED_FLOATS + scopeAllowance) {
                return;
            }
            push(a);
        }
    }

    private static void push(float[] a) {
        FREE.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
        POOLED.put(a, Boolean.TRUE);
        pooledFloats += a.length;
    }

    /** Engine-internal: a leased buffer became a leaf's gradient; it belongs to that tensor from now on. */
    static void endLease(float[] a) {
        if (a == null || a.length < MIN_POOLED_LENGTH) {
            return;
        }
        synchronized (LOCK) {
            LEASES.remove(a);
        }
    }

    /**
     * Engine-internal: ends every lease scope still holds and returns those buffers (each once). From here the
     * closing scope's thread is their only holder: none is in the pool, no other scope has them.
     */
    static List<float[]> endLeases(TensorScope scope, List<float[]> taken) {
        List<float[]> held = new ArrayList<>();
        synchronized (LOCK) {
            for (float[] a : taken) {
                if (LEASES.get(a) == scope) {
                    LEASES.remove(a);
                    held.add(a);
                }
            }
        }
        return held;
    }

    /**
     * Engine-internal: a closing scope's step buffers. They are pooled whatever the size limit, the limit
     * then covers them until the next scope closes, and lengths this step did not take are dropped first.
     */
    static void recycle(List<float[]> buffers) {
        synchronized (LOCK) {
            long total = 0;
            for (float[] a : buffers) {
                if (POOLED.containsKey(a)) {
                    throw new IllegalStateException("a step buffer of " + a.length + " floats is already pooled");
                }
                push(a);
                total += a.length;
            }
            scopeAllowance = total;
            trim(generation);
            generation++;
        }
    }

    // drops buffers of lengths not taken since step `current` began, then any, until within the limit
    private static void trim(long current) {
        for (boolean staleOnly : new boolean[] {true, false}) {
            Iterator<Map.Entry<Integer, ArrayDeque<float[]>>> it = FREE.entrySet().iterator();
            while (pooledFloats > MAX_POOLED_FLOATS + scopeAllowance && it.hasNext()) {
                Map.Entry<Integer, ArrayDeque<float[]>> e = it.next();
                if (staleOnly && LAST_TAKEN.getOrDefault(e.getKey(), -1L) >= current) {
                    continue;
                }
                ArrayDeque<float[]> free = e.getValue();
                while (!free.isEmpty() && pooledFloats > MAX_POOLED_FLOATS + scopeAllowance) {
                    float[] a = free.pop();
                    POOLED.remove(a);
                    pooledFloats -= a.length;
                }
                if (free.isEmpty()) {
                    it.remove();
                }
            }
        }
    }

    /** Floats currently pooled (for tests and memory reports). */
    public static long pooledFloats() {
        synchronized (LOCK) {
            return pooledFloats;
        }
    }

    /** Floats take and takeZeroed had to allocate because no buffer of the length was pooled (ever, this JVM). */
    public static long freshFloats() {
        synchronized (LOCK) {
            return freshFloats;
        }
    }

    /** True when this exact buffer is pooled now (tests: a released buffer came back exactly once). */
    public static boolean isPooled(float[] a) {
        synchronized (LOCK) {
            return POOLED.containsKey(a);
        }
    }

    /** Drops every pooled buffer and the last scope's allowance (tests; a caller that wants the memory back). */
    public static void clear() {
        synchronized (LOCK) {
            FREE.clear();
            POOLED.clear();
            LAST_TAKEN.clear();
            pooledFloats = 0;
            scopeAllowance = 0;
        }
    }
}
