package vigil.data.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.data.example.Example;
import vigil.data.example.ExampleCodec;
import vigil.data.loader.Batch;
import vigil.data.loader.Loader;
import vigil.data.loader.LoaderOptions;
import vigil.data.loader.SampleTransform;
import vigil.data.tfrecord.TfRecordCompression;
import vigil.data.tfrecord.TfRecordCorruptException;
import vigil.data.tfrecord.TfRecordWriter;

class TfRecordDatasetTest {
    private static final TfRecordSchema SCHEMA = TfRecordSchema.of("img", "y").withDepthMap("depth")
            .withSpoofType("type").withBox("bbox");

    @TempDir
    Path tmp;

    private byte[] png(int value) throws IOException {
        return Files.readAllBytes(TinyPngs.write(tmp.resolve("fixture-" + value + ".png"), value));
    }

    private Path shard(String name, TfRecordCompression compression, Example... examples) throws IOException {
        Path file = tmp.resolve(name);
        try (TfRecordWriter w = TfRecordWriter.create(file, compression)) {
            for (Example e : examples) {
                w.write(ExampleCodec.encode(e));
            }
        }
        return file;
    }

    @Test
    void recordsOfAllShardsBecomeSamplesWithEveryFeatureOfTheSchema() throws IOException {
        Path a = shard("a.tfrecord", TfRecordCompression.NONE,
                Example.builder().bytes("img", png(10)).int64("y", 1).int64("type", 7).floats("bbox", 1, 2, 30, 40)
                        .bytes("depth", png(99)).build(),
                Example.builder().bytes("img", png(11)).int64("y", 0).build());
        Path b = shard("b.tfrecord.gz", TfRecordCompression.GZIP,
                Example.builder().bytes("img", png(12)).int64("y", 1).int64("bbox", 5, 6, 7, 8).build());
        try (TfRecordDataset d = TfRecordDataset.open(List.of(a, b), SCHEMA)) {
            assertEquals(3, d.size());
            Sample first = d.sample(0);
            assertEquals(a + ":0", first.id());
            assertEquals(1, first.label());
            assertEquals(7, first.spoofType().getAsInt());
            assertEquals(Box.pixels(1, 2, 30, 40), first.box().orElseThrow());
            assertEquals(10, TinyPngs.valueOf(first.image().load()));
            assertEquals(99, TinyPngs.valueOf(first.depthMap().orElseThrow().load()));
            Sample second = d.sample(1);
            assertEquals(0, second.label());
            assertTrue(second.box().isEmpty() && second.spoofType().isEmpty() && second.depthMap().isEmpty());
            Sample third = d.sample(2);
            assertEquals(b + ":0", third.id());
            assertEquals(Box.pixels(5, 6, 7, 8), third.box().orElseThrow());
            assertEquals(12, TinyPngs.valueOf(third.image().load()));
            assertEquals(List.of(1, 0, 1), List.of(d.label(0), d.label(1), d.label(2)));
        }
    }

    @Test
    void aRecordWithoutTheLabelFeatureIsNamed() throws IOException {
        Path a = shard("a.tfrecord", TfRecordCompression.NONE, Example.builder().bytes("img", png(1)).build());
        try (TfRecordDataset d = TfRecordDataset.open(List.of(a), SCHEMA)) {
            IOException e = assertThrows(IOException.class, () -> d.sample(0));
            assertTrue(e.getMessage().startsWith(a + ":0: no feature 'y'"), e.getMessage());
        }
    }

    @Test
    void anImageFeatureThatIsNoImageFailsNamingTheRecord() throws IOException {
        Path a = shard("a.tfrecord", TfRecordCompression.NONE,
                Example.builder().bytes("img", "junk".getBytes()).int64("y", 0).build());
        try (TfRecordDataset d = TfRecordDataset.open(List.of(a), SCHEMA)) {
            Sample s = d.sample(0);
            IOException e = assertThrows(IOException.class, () -> s.image().load());
            assertTrue(e.getMessage().startsWith(a + ":0: not an image"), e.getMessage());
        }
    }

    @Test
    void aFlippedDataByteIsDetectedWhenTheRecordIsRead() throws IOException {
        Path a = shard("a.tfrecord", TfRecordCompression.NONE,
                Example.builder().bytes("img", png(1)).int64("y", 0).build(),
                Example.builder().bytes("img", png(2)).int64("y", 1).build());
        byte[] bytes = Files.readAllBytes(a);
        bytes[bytes.length - 10] ^= 1;  // inside the second record's data
        Files.write(a, bytes);
        try (TfRecordDataset d = TfRecordDataset.open(List.of(a), SCHEMA)) {
            assertEquals(0, d.sample(0).label());
            TfRecordCorruptException e = assertThrows(TfRecordCorruptException.class, () -> d.sample(1));
            assertEquals(a, e.path());
        }
    }

    @Test
    void theLoaderSkipsAndCountsACorruptRecordWhenAsked() throws IOException {
        Path a = shard("a.tfrecord", TfRecordCompression.NONE,
                Example.builder().bytes("img", png(1)).int64("y", 0).build(),
                Example.builder().bytes("img", png(2)).int64("y", 1).build(),
                Example.builder().bytes("img", png(3)).int64("y", 0).build());
        byte[] bytes = Files.readAllBytes(a);
        bytes[bytes.length / 2] ^= 1;  // inside the second record's data
        Files.write(a, bytes);
        try (TfRecordDataset d = TfRecordDataset.open(List.of(a), SCHEMA);
                Loader loader = Loader.open(d, SampleTransform.resizeTo(2, 2),
                        LoaderOptions.batchSize(3).withWorkers(2).withSkipBad(true))) {
            Batch batch = loader.next();
            assertEquals(List.of(a + ":0", a + ":2"), batch.sampleIds());
            assertEquals(1, loader.skippedCount());
            assertTrue(loader.skippedSamples().get(0).reason().contains(a.toString()));
        }
    }

    @Test
    void shardsStayReadableAfterAnInterruptClosedTheirChannel() throws IOException {
        Path a = shard("a.tfrecord", TfRecordCompression.NONE, Example.builder().bytes("img", png(1)).int64("y", 3).build());
        try (TfRecordShards shards = TfRecordShards.open(List.of(a))) {
            Thread.currentThread().interrupt();
            assertThrows(ClosedByInterruptException.class, () -> shards.read(0));
            assertTrue(Thread.interrupted());
            assertEquals(3, ExampleCodec.decode(shards.read(0)).int64("y"));
        }
    }

    @Test
    void recordIndicesCountAcrossFilesIncludingEmptyOnes() throws IOException {
        Path a = shard("a.tfrecord", TfRecordCompression.NONE, Example.builder().int64("y", 0).build());
        Path empty = shard("empty.tfrecord", TfRecordCompression.NONE);
        Path c = shard("c.tfrecord", TfRecordCompression.NONE, Example.builder().int64("y", 1).build(),
                Example.builder().int64("y", 2).build());
        try (TfRecordShards shards = TfRecordShards.open(List.of(a, empty, c))) {
            assertEquals(3, shards.size());
            assertEquals(List.of(a + ":0", c + ":0", c + ":1"), List.of(shards.name(0), shards.name(1), shards.name(2)));
            assertEquals(2, ExampleCodec.decode(shards.read(2)).int64("y"));
        }
    }
}
