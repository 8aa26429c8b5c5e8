package vigil.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vigil.tensor.parallel.Parallel;

/**
 * Work beside a one-thread chain: ahead (each step prepared once, before the chain reaches it) and behind (each
 * step followed once, after the chain has left it), in order, on any thread count; failures on either side
 * surface without hanging the other.
 */
class SecondThreadTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    @Test
    void everyStepIsPreparedOnceAndConsumedInOrderAfterItsPreparation() {
        for (int threads = 1; threads <= 3; threads++) {
            Parallel.setThreads(threads);
            int steps = 3000;
            AtomicIntegerArray prepared = new AtomicIntegerArray(steps);
            List<Integer> consumed = new ArrayList<>();
            List<Integer> unprepared = new ArrayList<>();
            SecondThread.preparesAhead(steps, prepared::incrementAndGet, s -> {
                if (prepared.get(s) != 1) {
                    unprepared.add(s);
                }
                consumed.add(s);
            });
            assertEquals(List.of(), unprepared,
                    threads + " threads: steps consumed before (or after a second) preparation");
            assertEquals(steps, consumed.size(), threads + " threads");
            for (int s = 0; s < steps; s++) {
                assertEquals(s, consumed.get(s), threads + " threads: consumption order");
                assertEquals(1, prepared.get(s), threads + " threads: step " + s + " prepared once");
            }
        }
    }

    @Test
    void aFailedPreparationIsRethrownAndStopsTheChain() {
        Parallel.setThreads(2);
        int steps = 200;
        List<Integer> consumed = new ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SecondThread.preparesAhead(steps, s -> {
                    if (s == 120) {
                        throw new IllegalStateException("preparing step 120 failed");
                    }
                }, consumed::add));
        assertEquals("preparing step 120 failed", e.getMessage());
        assertEquals(List.of(), consumed.stream().filter(s -> s >= 120).toList(),
                "steps consumed at or after the failure");
    }

    @Test
    void aFailedStepIsRethrownWithoutHangingThePreparingThread() {
        Parallel.setThreads(2);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SecondThread.preparesAhead(200, s -> { }, s -> {
                    if (s == 50) {
                        throw new IllegalStateException("step 50 failed");
                    }
                }));
        assertEquals("step 50 failed", e.getMessage());
    }

    @Test
    void everyStepIsFollowedOnceInOrderAfterTheChainHasLeftIt() {
        for (int threads = 1; threads <= 3; threads++) {
            Parallel.setThreads(threads);
            int steps = 3000;
            AtomicInteger chained = new AtomicInteger();
            List<Integer> followed = new ArrayList<>();
            List<Integer> early = new ArrayList<>();
            SecondThread.followsBehind(steps, s -> {
                if (chained.get() != s) {
                    throw new IllegalStateException("chain step " + s + " out of order");
                }
                chained.incrementAndGet();
            }, s -> {
                if (chained.get() <= s) {
                    early.add(s);
                }
                followed.add(s);
            });
            assertEquals(List.of(), early, threads + " threads: steps followed before the chain left them");
            assertEquals(steps, chained.get(), threads + " threads: chain steps");
            assertEquals(steps, followed.size(), threads + " threads");
            for (int s = 0; s < steps; s++) {
                assertEquals(s, followed.get(s), threads + " threads: follow order");
            }
        }
    }

    @Test
    void aFailedChainStepIsRethrownWithoutHangingTheFollowingThread() {
        Parallel.setThreads(2);
        List<Integer> followed = new ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SecondThread.followsBehind(200,
                s -> {
                    if (s == 50) {
                        throw new IllegalStateException("chain step 50 failed");
                    }
                }, followed::add));
        assertEquals("chain step 50 failed", e.getMessage());
        assertEquals(List.of(), followed.stream().filter(s -> s >= 50).toList(),
                "steps followed at or after the failure");
    }
}
