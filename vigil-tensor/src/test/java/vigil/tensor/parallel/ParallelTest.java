package vigil.tensor.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared pool: every index once, nested loops inline, failures rethrown, parked workers woken, loops of
 * several application threads at once.
 */
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
    void parkedWorkerWakesAndRunsAChunkBesideTheCaller() throws Exception {
        Parallel.setThreads(2);
        for (int round = 0; round < 3; round++) {
            // idle far longer than a worker spins, so it has parked
            Thread.sleep(20);
            // both chunks must run at the same time: the caller alone would wait at the barrier and time out
            CyclicBarrier both = new CyclicBarrier(2);
            Parallel.forRange(2, 1, (from, to) -> {
                try {
                    both.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("chunk " + from + " ran without a partner", e);
                }
            });
        }
    }

    @Test
    void loopsFromSeveralApplicationThreadsEachRunEveryIndexOnce() throws Exception {
        Parallel.setThreads(2);
        int callers = 4;
        int loops = 200;
        int n = 64;
        int[][] hits = new int[callers][n];
        Thread[] threads = new Thread[callers];
        Throwable[] failures = new Throwable[callers];
        for (int c = 0; c < callers; c++) {
            int caller = c;
            threads[c] = new Thread(() -> {
                try {
                    for (int l = 0; l < loops; l++) {
                        Parallel.forRange(n, 1, (from, to) -> {
                            for (int i = from; i < to; i++) {
                                synchronized (hits[caller]) {
                                    hits[caller][i]++;
                                }
                            }
                        });
                    }
                } catch (Throwable t) {
                    failures[caller] = t;
                }
            });
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        int[] expected = new int[n];
        java.util.Arrays.fill(expected, loops);
        for (int c = 0; c < callers; c++) {
            assertEquals(null, failures[c], "caller " + c);
            assertArrayEquals(expected, hits[c], "caller " + c);
        }
    }

    @Test
    void threadCountBelowOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
    }
}
