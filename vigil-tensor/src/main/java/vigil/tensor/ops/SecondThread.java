package vigil.tensor.ops;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntConsumer;
import vigil.tensor.parallel.Parallel;
import vigil.tensor.parallel.SpinWait;

/**
 * A chain of steps that only one thread can walk (a recurrent layer's recursion), with a second thread working
 * beside it in the same pool dispatch: ahead of it, preparing the inputs of the steps to come
 * ({@link #preparesAhead}), or behind it, using what each finished step left ({@link #followsBehind}).
 *
 * <p>The chain runs on the pool's part 0 (normally the caller), the second thread's work on part 1. When the
 * pool lends no second thread, one thread runs part 0 and then part 1, and both methods still do all the work
 * in a valid order. A failure on either side stops the other from waiting for it and is rethrown by
 * {@link Parallel#forRange}.
 */
final class SecondThread {
    private SecondThread() {
    }

    /**
     * prepare(s) then chain(s) for s = 0..steps-1: each step prepared once, the chain in order. Steps are
     * prepared in order, each by whichever thread claims it first from one counter: the second thread step
     * after step, the chain's thread itself when it gets to a step nobody has claimed (no second thread, or one
     * slowed by another process), so the chain never waits for an unclaimed step.
     */
    static void preparesAhead(int steps, IntConsumer prepare, IntConsumer chain) {
        AtomicInteger next = new AtomicInteger();
        AtomicIntegerArray ready = new AtomicIntegerArray(steps);
        AtomicBoolean failed = new AtomicBoolean();
        pair(failed, () -> {
            for (int s = 0; s < steps; s++) {
                // Every earlier step was ready, so they are all claimed: s is either the next claim or taken.
                if (ready.get(s) == 0 && next.compareAndSet(s, s + 1)) {
                    prepare.accept(s);
                } else if (!await(ready, s, failed)) {
                    return; // the preparing thread threw; Parallel.forRange rethrows it
                }
                chain.accept(s);
            }
        }, () -> {
            for (int s = next.getAndIncrement(); s < steps && !failed.get(); s = next.getAndIncrement()) {
                prepare.accept(s);
                ready.set(s, 1);
            }
        });
    }

    /** chain(q) for q = 0..steps-1 in order, and follow(q) in order, each once chain(q) has returned. */
    static void followsBehind(int steps, IntConsumer chain, IntConsumer follow) {
        AtomicIntegerArray done = new AtomicIntegerArray(steps);
        AtomicBoolean failed = new AtomicBoolean();
        pair(failed, () -> {
            for (int q = 0; q < steps; q++) {
                chain.accept(q);
                done.set(q, 1);
            }
        }, () -> {
            for (int q = 0; q < steps; q++) {
                if (!await(done, q, failed)) {
                    return; // the chain threw; Parallel.forRange rethrows it
                }
                follow.accept(q);
            }
        });
    }

    // the chain on part 0, the second thread's work on part 1; a failure on either side sets `failed`
    private static void pair(AtomicBoolean failed, Runnable chain, Runnable second) {
        Parallel.forRange(2, 1, (lo, hi) -> {
            for (int part = lo; part < hi; part++) {
                try {
                    (part == 0 ? chain : second).run();
                } catch (RuntimeException | Error e) {
                    failed.set(true); // releases the other side, which may be waiting for this one
                    throw e;
                }
            }
        });
    }

    // spins (then yields) until step s is flagged; false if the other side failed first
    private static boolean await(AtomicIntegerArray flags, int s, AtomicBoolean failed) {
        for (int spins = 0; flags.get(s) == 0; spins++) {
            if (failed.get()) {
                return false;
            }
            SpinWait.pause(spins);
        }
        return true;
    }
}
