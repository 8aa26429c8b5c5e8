package vigil.tensor.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared pool: every index once, nested loops inline, failures rethrown. */
class ParallelTest {
    private final int saved = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(saved);
    }

    @Test
    void everyIndexRunsExactlyOnceForAnyThreadCount() {
        for (int threads : new int[] {1, 2, 3, 4}) {
            Parallel.setThreads(threads);
            for (int n : new int[] {1, 2, 5, 17, 1000}) {
                int[] hits = new int[n];
                Parallel.forRange(n, 1, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        hits[i]++;
                    }
                });
                int[] once = new int[n];
                java.util.Arrays.fill(once, 1);
                assertArrayEquals(once, hits, "threads " + threads + ", n " + n);
            }
        }
    }

    @Test
    void nestedLoopRunsInlineOnTheThreadOfItsParent() {
        Parallel.setThreads(4);
        Set<String> mismatched = ConcurrentHashMap.newKeySet();
        Parallel.forRange(8, 1, (from, to) -> {
            Thread outer = Thread.currentThread();
            Parallel.forRange(100, 1, (f, t) -> {
                if (Thread.currentThread() != outer) {
                    mismatched.add(Thread.currentThread().getName());
                }
            });
        });
        assertEquals(Set.of(), mismatched);
    }

    @Test
    void exceptionOfAChunkIsRethrownToTheCaller() {
        Parallel.setThreads(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.forRange(10, 1, (from, to) -> {
            if (to == 10) {
                throw new IllegalStateException("last chunk failed");
            }
        }));
        assertEquals("last chunk failed", e.getMessage());
    }

    @Test
    void threadCountBelowOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
    }
}
