package vigil.tensor.ops;

import java.util.concurrent.atomic.AtomicInteger;
import vigil.tensor.parallel.Parallel;
import vigil.tensor.parallel.SpinWait;

/**
 * Runs a chain of phases, each split into independent parts, on up to {@link Parallel#threads()} threads with
 * one pool dispatch for the whole chain instead of one per phase: the steps of a recurrent layer, where a
 * phase (one time step) is too short (tens of microseconds) for a fork and join each.
 *
 * <p>Parts are claimed in order from one ticket counter (ticket = phase * parts + part); a thread runs a
 * part once every part of the earlier phases is done, spinning briefly and then yielding while it waits.
 * A thread only waits for tickets claimed before its own, so the chain cannot deadlock, and a caller that
 * gets no worker (one thread, or called from inside a parallel loop) simply runs every ticket itself.
 * Which thread runs a part varies; what a part computes must not, so results do not depend on the thread count.
 */
final class Lockstep {
    /** One part of one phase; parts of a phase run concurrently, phases in order. */
    @FunctionalInterface
    interface Body {
        void run(int phase, int part);
    }

    private Lockstep() {
    }

    static void run(int phases, int parts, Body body) {
        int threads = Math.min(Parallel.threads(), parts);
        if (threads <= 1) {
            for (int phase = 0; phase < phases; phase++) {
                for (int part = 0; part < parts; part++) {
                    body.run(phase, part);
                }
            }
            return;
        }
        Chain chain = new Chain(phases, parts, body);
        Parallel.forRange(threads, 1, (lo, hi) -> chain.work());
    }

    private static final class Chain {
        private final int total;
        private final int parts;
        private final Body body;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private volatile boolean failed;

        Chain(int phases, int parts, Body body) {
            this.total = phases * parts;
            this.parts = parts;
            this.body = body;
        }

        void work() {
            while (!failed) {
                int ticket = next.getAndIncrement();
                if (ticket >= total) {
                    return;
                }
                int phase = ticket / parts;
                // Every ticket below phase * parts done: the first time done reaches that count, no later
                // ticket can have finished (each waits for the same condition before it starts).
                int need = phase * parts;
                for (int spins = 0; done.get() < need; spins++) {
                    if (failed) {
                        return;
                    }
                    SpinWait.pause(spins);
                }
                try {
                    body.run(phase, ticket - need);
                } catch (RuntimeException | Error e) {
                    failed = true;
                    throw e;
                }
                done.incrementAndGet();
            }
        }
    }
}
