package vigil.tensor.parallel;

/**
 * The engine's one thread pool. {@code forRange} splits [0, n) into contiguous chunks that the calling
 * thread and the pool's spinning workers ({@link SpinningWorkers}) claim and run, and returns when all are
 * done. A call made from inside a parallel body runs inline, so nested kernels never oversubscribe the cores.
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
    private static volatile SpinningWorkers workers = newWorkers(threads);

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

    // threads - 1 daemon workers: the calling thread runs chunks itself.
    private static SpinningWorkers newWorkers(int n) {
        return n <= 1 ? null : new SpinningWorkers(n - 1, INSIDE);
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
        SpinningWorkers old = workers;
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
        SpinningWorkers pool = workers;
        if (chunks <= 1 || pool == null || INSIDE.get()) {
            body.run(0, n);
            return;
        }
        int per = (n + chunks - 1) / chunks;
        if (!pool.tryRun(n, per, chunks, body, INSIDE)) {
            // another application thread's loop holds the workers: this one runs on its own thread
            INSIDE.set(Boolean.TRUE);
            try {
                body.run(0, n);
            } finally {
                INSIDE.set(Boolean.FALSE);
            }
        }
    }
}
