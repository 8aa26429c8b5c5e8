package vigil.liveness.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Split by subject, held-out renderers only in test, and deterministic per seed. */
class SyntheticSpoofBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void noSubjectIsInTwoSplits() throws IOException {
        BenchmarkFixture.photos(dir.resolve("photos"), 10);
        List<BenchmarkSample> samples = BenchmarkManifest.read(build(dir.resolve("a"), 7).root());
        Map<String, String> splitOf = new HashMap<>();
        for (BenchmarkSample s : samples) {
            String before = splitOf.putIfAbsent(s.subject(), s.split());
            assertTrue(before == null || before.equals(s.split()), s.subject() + " is in " + before + " and " + s.split());
        }
        assertEquals(Set.of("train", "dev", "test"), new HashSet<>(splitOf.values()));
        assertEquals(10, splitOf.size());
    }

    @Test
    void heldOutRenderersAppearOnlyInTest() throws IOException {
        BenchmarkFixture.photos(dir.resolve("photos"), 6);
        for (BenchmarkSample s : BenchmarkManifest.read(build(dir.resolve("a"), 7).root())) {
            boolean heldOut = s.attackType().equals("print-glossy") || s.attackType().equals("replay-hidpi");
            assertTrue(!heldOut || s.split().equals("test"), s.path());
        }
        // and test has them: 1 face x 2 variants x (2 + 2) renderers per test subject
        long testHeldOut = BenchmarkManifest.read(dir.resolve("a"), "test").stream()
                .filter(s -> s.attackType().equals("replay-hidpi")).count();
        assertTrue(testHeldOut > 0);
    }

    @Test
    void sameSeedGivesTheSameBytes() throws IOException {
        BenchmarkFixture.photos(dir.resolve("photos"), 6);
        Path a = build(dir.resolve("a"), 7).root();
        Path b = build(dir.resolve("b"), 7).root();
        assertArrayEquals(Files.readAllBytes(a.resolve(BenchmarkManifest.FILE)), Files.readAllBytes(b.resolve(BenchmarkManifest.FILE)));
        for (BenchmarkSample s : BenchmarkManifest.read(a)) {
            assertArrayEquals(Files.readAllBytes(a.resolve(s.path())), Files.readAllBytes(b.resolve(s.path())), s.path());
        }
    }

    @Test
    void anotherSeedDrawsOtherAttackParameters() throws IOException {
        BenchmarkFixture.photos(dir.resolve("photos"), 6);
        Path a = build(dir.resolve("a"), 7).root();
        Path b = build(dir.resolve("b"), 8).root();
        Map<String, byte[]> first = new HashMap<>();
        for (BenchmarkSample s : BenchmarkManifest.read(a)) {
            if (s.attackType().equals("print-halftone")) {
                first.put(s.subject() + Path.of(s.path()).getFileName(), Files.readAllBytes(a.resolve(s.path())));
            }
        }
        int compared = 0;
        for (BenchmarkSample s : BenchmarkManifest.read(b)) {
            byte[] other = first.get(s.subject() + Path.of(s.path()).getFileName());
            if (other != null) {
                compared++;
                assertFalse(java.util.Arrays.equals(other, Files.readAllBytes(b.resolve(s.path()))), s.path());
            }
        }
        assertEquals(first.size(), compared);
    }

    @Test
    void aFinishedBuildIsRecognisedAndAnotherConfigIsRefused() throws IOException {
        BenchmarkFixture.photos(dir.resolve("photos"), 4);
        BenchmarkConfig config = BenchmarkFixture.config(dir.resolve("a"), dir.resolve("photos"), 7);
        assertFalse(SyntheticSpoofBenchmark.isBuilt(config));
        SyntheticSpoofBenchmark.build(config, BenchmarkFixture.centreFace(), null);
        assertTrue(SyntheticSpoofBenchmark.isBuilt(config));
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> SyntheticSpoofBenchmark.isBuilt(config.withCropScale(4.0)));
        assertTrue(e.getMessage().contains("another config"), e.getMessage());
    }

    private SyntheticSpoofBenchmark.Summary build(Path root, long seed) throws IOException {
        return SyntheticSpoofBenchmark.build(BenchmarkFixture.config(root, dir.resolve("photos"), seed),
                BenchmarkFixture.centreFace(), null);
    }

}
