package vigil.data.loader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import vigil.data.dataset.Dataset;
import vigil.data.progress.ProgressBar;

/**
 * Feeds training: reads, transforms and batches a dataset on N worker threads, ahead of the
 * consumer by at most {@code prefetch} batches, and hands the batches out in order.
 *
 * <p>Determinism: batch k holds the same samples, transformed the same way, for any worker count
 * and any thread timing. Epoch e's order is fixed by (seed, e) ({@link ShuffleBuffer}, then
 * {@link Interleave}); batch k of an epoch holds positions [k*B, (k+1)*B) of it; sample i's
 * transform draws from {@code new Rng(seed).fork(2).fork(e).fork(i)}; workers claim whole batches
 * in order and the consumer takes them in order. With {@code skipBad}, a sample whose reading
 * throws an IOException is left out of its batch (which gets smaller; a batch left empty is not
 * delivered) and counted in {@link #skippedCount()}; without it, the first such sample stops the run.
 *
 * <p>Errors and shutdown: a failing sample throws a {@link LoaderException} naming it from
 * {@link #hasNext()}/{@link #next()} when the consumer reaches its batch (earlier batches are
 * delivered first), after the workers are stopped. {@link #close()} stops the workers (see
 * there) and may be called at any time, from any thread; after it, {@link #hasNext()} is false.
 * Interrupting the consuming thread while it waits closes the loader and throws a
 * LoaderException. Use it in try-with-resources: a loader abandoned without close keeps its
 * (daemon) threads parked.
 */
public final class Loader implements Iterator<Batch>, AutoCloseable {
    private static final AtomicInteger LOADERS = new AtomicInteger();
    private static final int MAX_SKIP_REPORTS = 1000;
    private static final long GRACE_MILLIS = 500;
    private static final long JOIN_MILLIS = 10_000;

    private final LoaderOptions options;
    private final EpochPlan plan;
    private final BatchMaker maker;
    private final List<Thread> workers = new ArrayList<>();
    private final Semaphore permits;
    private final AtomicLong nextClaim = new AtomicLong();
    private final BatchMaker.Made[] ring;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition made = lock.newCondition();
    private final ProgressBar progress;

    private volatile boolean closed;
    private volatile LoaderException workerDeath;
    private long nextDelivery;
    private Batch pending;
    private long skippedCount;
    private final List<SkippedSample> skippedReports = new ArrayList<>();

    private Loader(Dataset dataset, SampleTransform transform, LoaderOptions options, int[] labels) {
        this.options = options;
        int datasetSize = dataset.size();
        this.plan = new EpochPlan(datasetSize, labels, options);
        this.maker = new BatchMaker(dataset, transform, plan, options.skipBad());
        this.permits = new Semaphore(options.prefetch());
        this.ring = new BatchMaker.Made[options.prefetch()];
        long positionsPerEpoch = options.dropLast() ? (long) plan.batchesPerEpoch() * options.batchSize() : datasetSize;
        this.progress = options.progress() == null ? null
                : new ProgressBar(options.progress(), "data", positionsPerEpoch * options.epochs());
    }

    /**
     * Starts the workers. With an interleave, reads every label first ({@link Dataset#label}).
     * Fails on an empty dataset.
     */
    public static Loader open(Dataset dataset, SampleTransform transform, LoaderOptions options) throws IOException {
        if (dataset.size() == 0) {
            throw new IllegalArgumentException("Loader: the dataset is empty");
        }
        if (options.dropLast() && dataset.size() < options.batchSize()) {
            throw new IllegalArgumentException("Loader: " + dataset.size() + " samples make no full batch of "
                    + options.batchSize() + " and dropLast is on");
        }
        int[] labels = null;
        if (options.interleave() != Interleave.NONE) {
            labels = new int[dataset.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = dataset.label(i);
            }
        }
        Loader loader = new Loader(dataset, transform, options, labels);
        loader.start();
        return loader;
    }

    private void start() {
        int id = LOADERS.incrementAndGet();
        for (int w = 0; w < options.workers(); w++) {
            Thread t = new Thread(this::work, "vigil-loader-" + id + "-" + w);
            t.setDaemon(true);
            workers.add(t);
        }
        workers.forEach(Thread::start);
    }

    private void work() {
        try {
            while (!closed) {
                permits.acquire();
                long index = nextClaim.getAndIncrement();
                if (index >= plan.totalBatches() || closed) {
                    permits.release();
                    return;
                }
                BatchMaker.Made result = maker.make(index, () -> closed);
                if (result == null) {
                    return;
                }
                lock.lock();
                try {
                    ring[(int) (index % ring.length)] = result;
                    made.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            // close() interrupts a worker still busy after its grace period; nothing to clean up.
        } catch (Throwable e) {
            // BatchMaker catches per-sample failures; this is the loader's own bug or a VM error.
            if (!closed) {
                workerDeath = new LoaderException(Thread.currentThread().getName() + " died: " + e, null, e);
                lock.lock();
                try {
                    made.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    /** Batches per epoch (with dropLast, full ones only). */
    public int batchesPerEpoch() {
        return plan.batchesPerEpoch();
    }

    /** Batches over all epochs, counting any that skipping will leave empty. */
    public long totalBatches() {
        return plan.totalBatches();
    }

    /** Samples skipped so far in the batches delivered (or passed over as empty). */
    public synchronized long skippedCount() {
        return skippedCount;
    }

    /** The first 1000 of the skipped samples, with the reason each could not be read. */
    public synchronized List<SkippedSample> skippedSamples() {
        return Collections.unmodifiableList(new ArrayList<>(skippedReports));
    }

    @Override
    public boolean hasNext() {
        while (pending == null) {
            if (closed) {
                return false;
            }
            if (nextDelivery >= plan.totalBatches()) {
                if (progress != null) {
                    progress.finish(status());
                }
                close();
                return false;
            }
            BatchMaker.Made result = await(nextDelivery);
            if (result == null) {
                return false;
            }
            nextDelivery++;
            permits.release();
            if (result.failure() != null) {
                close();
                if (progress != null) {
                    progress.finish("failed");
                }
                throw result.failure();
            }
            record(result);
            pending = result.batch();
        }
        return true;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the loader has no more batches");
        }
        Batch batch = pending;
        pending = null;
        return batch;
    }

    /** Waits for batch index to be made; null when the loader is closed meanwhile. */
    private BatchMaker.Made await(long index) {
        int slot = (int) (index % ring.length);
        InterruptedException interrupt = null;
        lock.lock();
        try {
            while (ring[slot] == null || ring[slot].index() != index) {
                if (closed) {
                    return null;
                }
                if (workerDeath != null) {
                    break;
                }
                try {
                    made.await(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    interrupt = e;
                    break;
                }
            }
            if (interrupt == null && workerDeath == null) {
                BatchMaker.Made result = ring[slot];
                ring[slot] = null;
                return result;
            }
        } finally {
            lock.unlock();
        }
        // Outside the lock: close() joins workers that may be waiting for it.
        close();
        if (interrupt != null) {
            Thread.currentThread().interrupt();
            throw new LoaderException("interrupted while waiting for batch " + plan.indexInEpoch(index) + " of epoch "
                    + plan.epochOf(index) + "; the loader is closed", null, interrupt);
        }
        throw workerDeath;
    }

    private void record(BatchMaker.Made result) {
        int epoch = plan.epochOf(result.index());
        plan.forgetBefore(epoch);
        synchronized (this) {
            skippedCount += result.skipped().size();
            for (SkippedSample s : result.skipped()) {
                if (skippedReports.size() < MAX_SKIP_REPORTS) {
                    skippedReports.add(s);
                }
            }
        }
        if (progress != null) {
            progress.step(result.positions(), status());
        }
    }

    private String status() {
        int epoch = Math.min(plan.epochOf(Math.max(0, nextDelivery - 1)) + 1, options.epochs());
        String s = String.format(Locale.ROOT, "epoch %d/%d", epoch, options.epochs());
        long skipped = skippedCount();
        return skipped == 0 ? s : s + ", skipped " + skipped;
    }

    /**
     * Stops the workers and waits for them; idempotent, callable from any thread. Workers finish
     * the sample in hand (so no read is cut in the middle, which would close shared file channels);
     * one still busy after half a second is interrupted, and after 10 s in all it is left behind.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        permits.release(workers.size());
        lock.lock();
        try {
            made.signalAll();
        } finally {
            lock.unlock();
        }
        long start = System.nanoTime();
        if (!joinWorkers(start + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS))) {
            workers.forEach(Thread::interrupt);
            joinWorkers(start + TimeUnit.MILLISECONDS.toNanos(JOIN_MILLIS));
        }
    }

    /** Joins the workers until the deadline; true when all ended. */
    private boolean joinWorkers(long deadlineNanos) {
        for (Thread t : workers) {
            if (t == Thread.currentThread()) {
                continue;
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
            try {
                if (left > 0) {
                    t.join(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }
}
