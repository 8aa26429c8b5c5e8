package vigil.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vigil.tensor.parallel.Parallel;

/** The phase chain: every part of a phase sees every part of the phase before it finished; failures surface. */
class LockstepTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    @Test
    void eachPartSeesEveryPartOfThePreviousPhaseDoneOnTwoThreads() {
        Parallel.setThreads(2);
        int phases = 2000;
        int parts = 3;
        // finished[p] counts the phases part p has completed; at phase q every part must have done q of them
        AtomicIntegerArray finished = new AtomicIntegerArray(parts);
        AtomicIntegerArray violations = new AtomicIntegerArray(1);
        Lockstep.run(phases, parts, (phase, part) -> {
            for (int p = 0; p < parts; p++) {
                int done = finished.get(p);
                if (done < phase || done > phase + 1) {
                    violations.incrementAndGet(0);
                }
            }
            finished.incrementAndGet(part);
        });
        assertEquals(0, violations.get(0));
        for (int p = 0; p < parts; p++) {
            assertEquals(phases, finished.get(p), "part " + p);
        }
    }

    @Test
    void failureInOnePartIsRethrownWithoutHangingTheOtherThread() {
        Parallel.setThreads(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Lockstep.run(100, 2, (phase, part) -> {
            if (phase == 50 && part == 1) {
                throw new IllegalStateException("step 50 failed");
            }
        }));
        assertEquals("step 50 failed", e.getMessage());
    }
}
