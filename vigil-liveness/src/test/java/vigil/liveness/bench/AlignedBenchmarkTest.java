package vigil.liveness.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** crop: aligned builds the same bytes for the same seed, and is told apart from box-crop builds. */
class AlignedBenchmarkTest {
    @TempDir
    Path dir;

    // Eyes where a frontal face's would sit in the fixture's centre box, rolled a little.
    private static final FaceAligner EYES_IN_BOX = (frame, box) -> new double[] {
            box.x() + 0.3 * box.width(), box.y() + 0.42 * box.height(),
            box.x() + 0.7 * box.width(), box.y() + 0.38 * box.height()};

    private SyntheticSpoofBenchmark.Summary build(Path root) throws IOException {
        BenchmarkConfig config = BenchmarkFixture.config(root, dir.resolve("photos"), 7).withCrop(BenchmarkConfig.CROP_ALIGNED);
        return SyntheticSpoofBenchmark.build(config, BenchmarkFixture.centreFace(), EYES_IN_BOX, null);
    }

    @Test
    void sameSeedGivesTheSameBytes() throws IOException {
        BenchmarkFixture.photos(dir.resolve("photos"), 6);
        Path a = build(dir.resolve("a")).root();
        Path b = build(dir.resolve("b")).root();
        List<BenchmarkSample> samples = BenchmarkManifest.read(a);
        assertFalse(samples.isEmpty());
        assertArrayEquals(Files.readAllBytes(a.resolve(BenchmarkManifest.FILE)), Files.readAllBytes(b.resolve(BenchmarkManifest.FILE)));
        for (BenchmarkSample s : samples) {
            assertArrayEquals(Files.readAllBytes(a.resolve(s.path())), Files.readAllBytes(b.resolve(s.path())), s.path());
        }
    }

    @Test
    void alignedAndBoxCropsDifferAndTheirBuildsAreToldApart() throws IOException {
        BenchmarkFixture.photos(dir.resolve("photos"), 4);
        Path a = build(dir.resolve("a")).root();
        BenchmarkConfig box = BenchmarkFixture.config(dir.resolve("b"), dir.resolve("photos"), 7);
        Path b = SyntheticSpoofBenchmark.build(box, BenchmarkFixture.centreFace(), null).root();
        BenchmarkSample first = BenchmarkManifest.read(a).get(0);
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a.resolve(first.path())), Files.readAllBytes(b.resolve(first.path()))),
                first.path());
        IOException e = assertThrows(IOException.class, () -> SyntheticSpoofBenchmark.isBuilt(box.withRoot(a)));
        assertTrue(e.getMessage().contains("another config"), e.getMessage());
    }

    @Test
    void alignedWithoutAnAlignerIsRefused() throws IOException {
        BenchmarkConfig config = BenchmarkFixture.config(dir.resolve("a"), dir.resolve("photos"), 7).withCrop("aligned");
        assertThrows(IllegalArgumentException.class,
                () -> SyntheticSpoofBenchmark.build(config, BenchmarkFixture.centreFace(), null, null));
        assertEquals("aligned", config.crop());
        assertThrows(IllegalArgumentException.class, () -> config.withCrop("tilted"));
    }
}
