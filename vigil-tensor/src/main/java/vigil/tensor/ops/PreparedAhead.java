package vigil.tensor.ops;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntConsumer;
import vigil.tensor.parallel.Parallel;
import vigil.tensor.parallel.SpinWait;

/**
 * A chain of steps run in order on one thread (the caller's, the pool's part 0) while a second thread prepares
 * their inputs ahead of it: the recursion of a recurrent layer, which only one thread can walk, and the input
 * projections of its steps, which were otherwise all computed before the recursion started, leaving the second
 * thread idle while it ran.
 *
 * <p>Steps are prepared in order, each by whichever thread claims it first from one counter: the second
 * thread claims step after step, and the chain's thread prepares a step itself when it gets there first (no
 * second thread, or one slowed by another process). So no thread ever waits for a step nobody has claimed,
 * and what a step computes does not depend on which thread prepared it.
 */
final class PreparedAhead {
    private PreparedAhead() {
    }

    /** prepare(s) then consume(s) for s = 0..steps-1: each step prepared once, consumed in order on one thread. */
    static void run(int steps, IntConsumer prepare, IntConsumer consume) {
        AtomicInteger next = new AtomicInteger();
        AtomicIntegerArray ready = new AtomicIntegerArray(steps);
        AtomicBoolean failed = new AtomicBoolean();
        Parallel.forRange(2, 1, (lo, hi) -> {
            for (int k = lo; k < hi; k++) {
                try {
                    if (k == 0) {
                        consumeAll(steps, prepare, consume, next, ready, failed);
                    } else {
                        prepareAhead(steps, prepare, next, ready, failed);
                    }
                } catch (RuntimeException | Error e) {
                    failed.set(true); // releases the other thread, which may be waiting for this one
                    throw e;
                }
            }
        });
    }

    private static void consumeAll(int steps, IntConsumer prepare, IntConsumer consume, AtomicInteger next,
                                   AtomicIntegerArray ready, AtomicBoolean failed) {
        for (int s = 0; s < steps; s++) {
            // Every earlier step was ready, so they are all claimed: s is either the next claim or taken.
            if (ready.get(s) == 0 && next.compareAndSet(s, s + 1)) {
                prepare.accept(s);
            } else {
                for (int spins = 0; ready.get(s) == 0; spins++) {
                    if (failed.get()) {
                        return; // the preparing thread threw; Parallel.forRange rethrows it
                    }
                    SpinWait.pause(spins);
                }
            }
            consume.accept(s);
        }
    }

    private static void prepareAhead(int steps, IntConsumer prepare, AtomicInteger next, AtomicIntegerArray ready,
                                     AtomicBoolean failed) {
        for (int s = next.getAndIncrement(); s < steps && !failed.get(); s = next.getAndIncrement()) {
            prepare.accept(s);
            ready.set(s, 1);
        }
    }
}
