package vigil.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vigil.tensor.parallel.Parallel;

/** Steps consumed in order, each after its one preparation, on any thread count; failures surface. */
class PreparedAheadTest {
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
            PreparedAhead.run(steps, prepared::incrementAndGet, s -> {
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
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PreparedAhead.run(steps, s -> {
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
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> PreparedAhead.run(200, s -> { },
                s -> {
                    if (s == 50) {
                        throw new IllegalStateException("step 50 failed");
                    }
                }));
        assertEquals("step 50 failed", e.getMessage());
    }
}
