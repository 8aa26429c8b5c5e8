package vigil.data.loader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.data.dataset.ClassNaming;
import vigil.data.dataset.Dataset;
import vigil.data.dataset.ImageFolderDataset;
import vigil.data.dataset.Sample;
import vigil.data.dataset.TinyPngs;
import vigil.data.image.BgrImage;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;

class LoaderTest {
    @TempDir
    Path tmp;

    /** n in-memory samples: sample i is "mem:i", label i % 2, a 1x1 image of value i % 256; indices in bad throw. */
    private static Dataset memory(int n, Set<Integer> bad) {
        return new Dataset() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public Sample sample(int i) {
                return Sample.of("mem:" + i, () -> {
                    if (bad.contains(i)) {
                        throw new IOException("mem:" + i + ": corrupt");
                    }
                    return new BgrImage(1, 1, new byte[] {(byte) i, (byte) i, (byte) i});
                }, i % 2);
            }
        };
    }

    /** image = [pixel value, first draw of the sample's generator], after a random pause to shuffle thread timing. */
    private static final SampleTransform NOISY = (sample, rng) -> {
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(200_000));
        int value = sample.image().load().get(0, 0, 0);
        return TrainingItem.of(Tensor.of(new float[] {value, rng.nextFloat()}, 1, 2), sample.label());
    };

    private static List<String> run(Dataset data, SampleTransform transform, LoaderOptions options) throws IOException {
        List<String> batches = new ArrayList<>();
        try (Loader loader = Loader.open(data, transform, options)) {
            while (loader.hasNext()) {
                Batch b = loader.next();
                batches.add(b.index() + " e" + b.epoch() + " k" + b.indexInEpoch() + " " + b.sampleIds() + " "
                        + Arrays.toString(b.labels().longs()) + " " + Arrays.toString(b.images().data())
                        + " " + Arrays.toString(b.images().shape()));
            }
        }
        return batches;
    }

    private static long loaderThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("vigil-loader-")).count();
    }

    @Test
    void sameSeedGivesIdenticalBatchesWithOneTwoAndFourWorkers() throws IOException {
        LoaderOptions options = LoaderOptions.batchSize(8).withEpochs(3).withSeed(2024).withFullShuffle();
        List<String> one = run(memory(103, Set.of()), NOISY, options.withWorkers(1));
        assertEquals(3 * 13, one.size());
        assertEquals(one, run(memory(103, Set.of()), NOISY, options.withWorkers(2)));
        assertEquals(one, run(memory(103, Set.of()), NOISY, options.withWorkers(4).withPrefetch(3)));
    }

    @Test
    void anotherSeedGivesAnotherOrder() throws IOException {
        LoaderOptions options = LoaderOptions.batchSize(8).withWorkers(2).withFullShuffle();
        assertNotEquals(run(memory(50, Set.of()), NOISY, options.withSeed(1)),
                run(memory(50, Set.of()), NOISY, options.withSeed(2)));
    }

    @Test
    void epochOrderIsTheDocumentedShuffleOfTheSeedAndEpoch() throws IOException {
        int n = 30;
        LoaderOptions options = LoaderOptions.batchSize(n).withEpochs(2).withSeed(9).withShuffleBuffer(5).withWorkers(3);
        try (Loader loader = Loader.open(memory(n, Set.of()), NOISY, options)) {
            for (int epoch = 0; epoch < 2; epoch++) {
                int[] identity = new int[n];
                Arrays.setAll(identity, i -> i);
                int[] expected = ShuffleBuffer.apply(identity, 5, new Rng(9).fork(1).fork(epoch));
                Batch b = loader.next();
                assertEquals(Arrays.stream(expected).mapToObj(i -> "mem:" + i).toList(), b.sampleIds());
            }
        }
    }

    @Test
    void eachSampleDrawsFromTheGeneratorOfSeedEpochAndIndex() throws IOException {
        LoaderOptions options = LoaderOptions.batchSize(4).withEpochs(2).withSeed(77).withWorkers(2).withFullShuffle();
        try (Loader loader = Loader.open(memory(6, Set.of()), NOISY, options)) {
            while (loader.hasNext()) {
                Batch b = loader.next();
                float[] images = b.images().data();
                for (int j = 0; j < b.size(); j++) {
                    int index = Integer.parseInt(b.sampleIds().get(j).substring(4));
                    float expected = new Rng(77).fork(2).fork(b.epoch()).fork(index).nextFloat();
                    assertEquals(index, images[2 * j]);
                    assertEquals(expected, images[2 * j + 1]);
                }
            }
        }
    }

    @Test
    void withoutShuffleBatchesFollowDatasetOrderAndStackImagesAndLabels() throws IOException {
        try (Loader loader = Loader.open(memory(5, Set.of()), NOISY, LoaderOptions.batchSize(3).withWorkers(2))) {
            Batch first = loader.next();
            assertEquals(List.of("mem:0", "mem:1", "mem:2"), first.sampleIds());
            assertArrayEquals(new int[] {3, 1, 2}, first.images().shape());
            assertArrayEquals(new long[] {0, 1, 0}, first.labels().longs());
            assertEquals(List.of("mem:3", "mem:4"), loader.next().sampleIds());
            assertFalse(loader.hasNext());
        }
    }

    @Test
    void theSmallerLastBatchIsKeptOrDropped() throws IOException {
        LoaderOptions keep = LoaderOptions.batchSize(4).withEpochs(2).withWorkers(2);
        List<Integer> kept = new ArrayList<>();
        try (Loader loader = Loader.open(memory(10, Set.of()), NOISY, keep)) {
            assertEquals(3, loader.batchesPerEpoch());
            loader.forEachRemaining(b -> kept.add(b.size()));
        }
        assertEquals(List.of(4, 4, 2, 4, 4, 2), kept);
        List<Integer> dropped = new ArrayList<>();
        try (Loader loader = Loader.open(memory(10, Set.of()), NOISY, keep.withDropLast(true))) {
            assertEquals(2, loader.batchesPerEpoch());
            loader.forEachRemaining(b -> dropped.add(b.size()));
        }
        assertEquals(List.of(4, 4, 4, 4), dropped);
    }

    @Test
    void roundRobinInterleaveAlternatesLabelsInEveryBatch() throws IOException {
        LoaderOptions options = LoaderOptions.batchSize(6).withFullShuffle().withSeed(3).withWorkers(2)
                .withInterleave(Interleave.ROUND_ROBIN);
        try (Loader loader = Loader.open(memory(24, Set.of()), NOISY, options)) {
            while (loader.hasNext()) {
                assertArrayEquals(new long[] {0, 1, 0, 1, 0, 1}, loader.next().labels().longs());
            }
        }
    }

    private Dataset foldersWithOneCorruptImage() throws IOException {
        TinyPngs.fill(tmp.resolve("live"), 6, 0);
        TinyPngs.fill(tmp.resolve("spoof"), 6, 50);
        Files.write(tmp.resolve("spoof/003.png"), "definitely not a PNG".getBytes(StandardCharsets.US_ASCII));
        return ImageFolderDataset.open(tmp, ClassNaming.SORTED_NAMES);
    }

    @Test
    void aCorruptImageStopsTheRunNamingTheFileAfterTheEarlierBatches() throws IOException {
        long baseline = loaderThreads();
        Dataset data = foldersWithOneCorruptImage();
        List<Long> delivered = new ArrayList<>();
        LoaderException e;
        try (Loader loader = Loader.open(data, SampleTransform.resizeTo(2, 2), LoaderOptions.batchSize(4).withWorkers(3))) {
            // Index 9 (spoof/003.png) lies in batch 2; batches 0 and 1 come first, whatever the timing.
            e = assertThrows(LoaderException.class, () -> loader.forEachRemaining(b -> delivered.add(b.index())));
            assertFalse(loader.hasNext());
        }
        assertEquals(List.of(0L, 1L), delivered);
        String file = tmp.resolve("spoof/003.png").toString();
        assertEquals(file, e.sampleId());
        assertTrue(e.getMessage().contains(file), e.getMessage());
        assertEquals(baseline, loaderThreads());
    }

    @Test
    void skipBadLeavesOutAndCountsCorruptImagesInEveryEpoch() throws IOException {
        Dataset data = foldersWithOneCorruptImage();
        LoaderOptions options = LoaderOptions.batchSize(4).withEpochs(2).withWorkers(2).withSkipBad(true);
        List<Integer> sizes = new ArrayList<>();
        List<Integer> skipped = new ArrayList<>();
        try (Loader loader = Loader.open(data, SampleTransform.resizeTo(2, 2), options)) {
            loader.forEachRemaining(b -> {
                sizes.add(b.size());
                skipped.add(b.skipped());
            });
            assertEquals(2, loader.skippedCount());
            String file = tmp.resolve("spoof/003.png").toString();
            assertEquals(List.of(file, file), loader.skippedSamples().stream().map(SkippedSample::id).toList());
            assertTrue(loader.skippedSamples().get(0).reason().contains("not an image"));
        }
        assertEquals(List.of(4, 4, 3, 4, 4, 3), sizes);
        assertEquals(List.of(0, 0, 1, 0, 0, 1), skipped);
    }

    @Test
    void aTransformBugIsNeverSkipped() throws IOException {
        SampleTransform buggy = (sample, rng) -> {
            throw new IllegalStateException("bug in " + sample.id());
        };
        try (Loader loader = Loader.open(memory(4, Set.of()), buggy, LoaderOptions.batchSize(2).withWorkers(1)
                .withSkipBad(true))) {
            LoaderException e = assertThrows(LoaderException.class, loader::hasNext);
            assertEquals("mem:0", e.sampleId());
            assertTrue(e.getCause() instanceof IllegalStateException);
        }
    }

    @Test
    void imagesOfDifferentShapesInOneBatchAreAnErrorNamingTheSample() throws IOException {
        SampleTransform ragged = (sample, rng) -> TrainingItem.of(Tensor.zeros(1, 1 + sample.label()), sample.label());
        try (Loader loader = Loader.open(memory(4, Set.of()), ragged, LoaderOptions.batchSize(2).withWorkers(2))) {
            LoaderException e = assertThrows(LoaderException.class, loader::next);
            assertEquals("mem:1", e.sampleId());
        }
    }

    @Test
    void closeStopsEveryWorkerThread() throws IOException {
        long baseline = loaderThreads();
        Loader loader = Loader.open(memory(10_000, Set.of()), NOISY, LoaderOptions.batchSize(4).withWorkers(4));
        assertEquals(baseline + 4, loaderThreads());
        loader.next();
        loader.close();
        assertEquals(baseline, loaderThreads());
        assertFalse(loader.hasNext());
    }

    @Test
    void aConsumerThatStopsEarlyNeverDeadlocks() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int round = 0; round < 20; round++) {
                try (Loader loader = Loader.open(memory(500, Set.of()), NOISY,
                        LoaderOptions.batchSize(3).withWorkers(4).withPrefetch(1).withFullShuffle())) {
                    for (int k = 0; k < round % 4; k++) {
                        loader.next();
                    }
                }
            }
        });
    }

    @Test
    void interruptingTheWaitingConsumerClosesTheLoader() throws Exception {
        long baseline = loaderThreads();
        SampleTransform slow = (sample, rng) -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                throw new IOException("interrupted");
            }
            return TrainingItem.of(Tensor.zeros(1), 0);
        };
        Loader loader = Loader.open(memory(8, Set.of()), slow, LoaderOptions.batchSize(2).withWorkers(2));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread consumer = new Thread(() -> {
            try {
                loader.hasNext();
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        consumer.start();
        awaitBlocked(consumer);
        consumer.interrupt();
        consumer.join(10_000);
        assertTrue(thrown.get() instanceof LoaderException, String.valueOf(thrown.get()));
        assertEquals(baseline, loaderThreads());
        assertFalse(loader.hasNext());
    }

    // Waits until the thread parks (the consumer blocked on the loader's queue), so the interrupt is tested
    // against a thread that is really waiting rather than one that has not got there yet.
    private static void awaitBlocked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            assertTrue(System.nanoTime() < deadline, "consumer never blocked; state " + thread.getState());
            Thread.sleep(1);
        }
    }

    @Test
    void progressBarCountsItemsAndShowsTheRate() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LoaderOptions options = LoaderOptions.batchSize(4).withEpochs(2).withWorkers(2)
                .withProgress(new PrintStream(out, true, StandardCharsets.UTF_8));
        run(memory(10, Set.of()), NOISY, options);
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains(" 20/20 ") && text.contains("it/s") && text.contains("epoch 2/2"), text);
    }
}
