package vigil.tensor.parallel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The worker threads behind {@link Parallel#forRange}: they spin for a short while after each loop, so the
 * next loop starts on them without a wake-up, and park when none comes.
 *
 * <p>Why: a batch-1 MiniFASNet inference runs 20 parallel loops (counted) in about 2 ms. Through an executor (a
 * queued task, an unpark, a future) every fork and join cost a wake-up, and two threads were measured no faster
 * than one (2.44 and 2.39 ms on two, 2.78 and 2.37 on one).
 *
 * <p>Chunk c belongs to participant c (the caller is 0, worker w is w + 1), so consecutive loops over the same
 * data keep each part on the same core and in its cache; a participant that has run its own chunk then claims
 * any chunk nobody has started, so a worker that is slow to wake (parked, or its core taken by another process)
 * never holds the loop up. Only one loop uses the workers at a time; a second caller that finds them busy (another
 * application thread) runs its loop on its own thread, which the callers' determinism contract allows.
 */
final class SpinningWorkers {
    // How long an idle worker spins (yielding between checks) before it parks: longer than the gap between two
    // loops of one forward pass (a few microseconds of serial code), short enough not to keep a core busy once
    // work stops. A tuning knob, read once: -Dvigil.spinNanos=N (0: park at once).
    private static final long SPIN_NANOS = Long.getLong("vigil.spinNanos", 50_000);
    private static final int SPINS_PER_CLOCK_READ = 64;

    private final Thread[] threads;
    // 1 while worker w is parked or about to park (volatile reads and writes)
    private final AtomicIntegerArray parked;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile Loop current;
    // loops published so far (written only by the caller holding `busy`)
    private long published;
    private volatile boolean shutdown;

    SpinningWorkers(int workers, ThreadLocal<Boolean> inside) {
        this.threads = new Thread[workers];
        this.parked = new AtomicIntegerArray(workers);
        for (int w = 0; w < workers; w++) {
            int index = w;
            Thread t = new Thread(() -> {
                inside.set(Boolean.TRUE);
                work(index);
            }, "vigil-worker-" + (w + 1));
            t.setDaemon(true);
            threads[w] = t;
        }
        for (Thread t : threads) {
            t.start();
        }
    }

    /**
     * Runs body over chunks of [0, n) of `per` indices on the calling thread and the workers; false (and nothing
     * run) when another thread's loop holds the workers.
     */
    boolean tryRun(int n, int per, int chunks, IntRangeBody body, ThreadLocal<Boolean> inside) {
        if (!busy.compareAndSet(false, true)) {
            return false;
        }
        Loop loop = new Loop(++published, n, per, chunks, body);
        try {
            current = loop;
            wakeParked();
            inside.set(Boolean.TRUE);
            try {
                loop.runChunks(0);
            } finally {
                inside.set(Boolean.FALSE);
            }
            loop.awaitAll();
        } finally {
            current = null;
            busy.set(false);
        }
        loop.rethrow();
        return true;
    }

    /** Stops the workers once they finish what they run (they are daemons either way). */
    void shutdown() {
        shutdown = true;
        for (Thread t : threads) {
            LockSupport.unpark(t);
        }
    }

    private void wakeParked() {
        for (int w = 0; w < threads.length; w++) {
            // parked is read after current was written, and a worker writes parked before it reads current, so
            // either it sees the loop or this sees it parked (volatile accesses are sequentially consistent)
            if (parked.get(w) == 1) {
                LockSupport.unpark(threads[w]);
            }
        }
    }

    private void work(int w) {
        // the number of the last loop this worker took part in (not the loop itself: its body holds the caller's
        // arrays, which a reference kept here would keep from the collector until the next loop)
        long last = 0;
        while (!shutdown) {
            Loop loop = current;
            if (loop != null && loop.number != last) {
                last = loop.number;
                loop.runChunks(w + 1);
                continue;
            }
            if (!spinForLoop(last)) {
                parked.set(w, 1);
                Loop again = current;
                if (!shutdown && (again == null || again.number == last)) {
                    LockSupport.park(this);
                }
                parked.set(w, 0);
            }
        }
    }

    // true as soon as a loop other than number `last` is published, false after SPIN_NANOS without one
    private boolean spinForLoop(long last) {
        long until = System.nanoTime() + SPIN_NANOS;
        while (true) {
            for (int i = 0; i < SPINS_PER_CLOCK_READ; i++) {
                Loop loop = current;
                if ((loop != null && loop.number != last) || shutdown) {
                    return true;
                }
                Thread.onSpinWait();
            }
            if (System.nanoTime() > until) {
                return false;
            }
            // A woken worker may have been placed on the caller's core (the scheduler may favour the waker's CPU):
            // spinning there would keep the caller off it until a preemption. Yielding lets it back at once.
            // (A precaution; no measurement here isolated that case.)
            Thread.yield();
        }
    }

    /** One forRange call: which chunks are taken, a count of finished chunks, the first failure. */
    private static final class Loop {
        private final long number;
        private final int n;
        private final int per;
        private final int chunks;
        private final IntRangeBody body;
        private final AtomicIntegerArray taken;
        private final AtomicInteger finished = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Loop(long number, int n, int per, int chunks, IntRangeBody body) {
            this.number = number;
            this.n = n;
            this.per = per;
            this.chunks = chunks;
            this.body = body;
            this.taken = new AtomicIntegerArray(chunks);
        }

        // participant p's own chunk first, then every chunk nobody has taken
        void runChunks(int p) {
            if (p < chunks) {
                tryRun(p);
            }
            for (int c = 0; c < chunks; c++) {
                tryRun(c);
            }
        }

        private void tryRun(int c) {
            if (taken.get(c) != 0 || !taken.compareAndSet(c, 0, 1)) {
                return;
            }
            int from = Math.min(n, c * per);
            try {
                body.run(from, Math.min(n, from + per));
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                finished.incrementAndGet();
            }
        }

        void awaitAll() {
            for (int spins = 0; finished.get() < chunks; spins++) {
                SpinWait.pause(spins);
            }
        }

        void rethrow() {
            Throwable t = failure.get();
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error err) {
                throw err;
            }
            if (t != null) {
                throw new IllegalStateException("parallel loop failed", t);
            }
        }
    }
}
