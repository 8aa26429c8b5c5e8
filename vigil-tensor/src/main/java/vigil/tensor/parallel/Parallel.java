package vigil.tensor.parallel;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's one thread pool. {@code forRange} splits [0, n) into contiguous chunks, runs the first on
 * the calling thread and the rest on the pool's workers, and returns when all are done. A call made from
 * inside a parallel body runs inline, so nested kernels never oversubscribe the cores.
 *
 * <p>Determinism is the caller's contract: each output element must be written by exactly one index, with a
 * summation order that does not depend on where the chunk boundaries fall. Kernels that follow it give
 * bit-identical results for every thread count.
 *
 * <p>The size comes from the system property {@code vigil.threads} (default: available processors);
 * {@link #setThreads} changes it at run time (the CLI's {@code --threads}, tests).
 */
public final class Parallel {
    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static volatile int threads = initialThreads();
    private static volatile ExecutorService workers = newWorkers(threads);

    private Parallel() {
    }

    private static int initialThreads() {
        String prop = System.getProperty("vigil.threads");
        int n = prop == null || prop.isBlank() ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(prop.trim());
        if (n < 1) {
            throw new IllegalArgumentException("vigil.threads must be >= 1, got " + prop);
        }
        return n;
    }

    // threads - 1 daemon workers: the calling thread runs one chunk itself.
    private static ExecutorService newWorkers(int n) {
        if (n <= 1) {
            return null;
        }
        AtomicInteger id = new AtomicInteger();
        return Executors.newFixedThreadPool(n - 1, r -> {
            Thread t = new Thread(() -> {
                INSIDE.set(Boolean.TRUE);
                r.run();
            }, "vigil-worker-" + id.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The number of threads a parallel loop uses (the caller included). */
    public static int threads() {
        return threads;
    }

    /** Resizes the pool; call it between parallel loops, not from inside one. */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Parallel.setThreads: thread count must be >= 1, got " + n);
        }
        if (n == threads) {
            return;
        }
        ExecutorService old = workers;
        workers = newWorkers(n);
        threads = n;
        if (old != null) {
            old.shutdown();
        }
    }

    /**
     * Runs body over [0, n) in at most {@link #threads()} contiguous chunks of at least {@code grain}
     * indices (the last may be shorter). Exceptions of any chunk are rethrown once all have finished.
     */
    public static void forRange(int n, int grain, IntRangeBody body) {
        if (n <= 0) {
            return;
        }
        int g = Math.max(1, grain);
        int chunks = (int) Math.min(threads, ((long) n + g - 1) / g);
        ExecutorService pool = workers;
        if (chunks <= 1 || pool == null || INSIDE.get()) {
            body.run(0, n);
            return;
        }
        int per = (n + chunks - 1) / chunks;
        Future<?>[] pending = new Future<?>[chunks - 1];
        for (int c = 1; c < chunks; c++) {
            int from = Math.min(n, c * per);
            int to = Math.min(n, from + per);
            pending[c - 1] = pool.submit(() -> body.run(from, to));
        }
        Throwable failure = null;
        INSIDE.set(Boolean.TRUE);
        try {
            body.run(0, Math.min(n, per));
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            INSIDE.set(Boolean.FALSE);
        }
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? e : failure;
            }
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException("parallel loop interrupted", failure);
        }
    }
}
