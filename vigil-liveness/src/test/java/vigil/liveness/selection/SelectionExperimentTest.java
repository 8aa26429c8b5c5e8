package vigil.liveness.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.tensor.init.Rng;

/**
 * The experiment on a tiny two-class IDX set (4x4 images, bright left or right half): the runs it
 * records, resuming by seed without redoing earlier runs, and refusing to mix settings.
 */
class SelectionExperimentTest {
    @TempDir
    Path tmp;

    private static void writeIdx(Path dir, String prefix, int n, long seed) throws IOException {
        Rng rng = new Rng(seed);
        ByteBuffer img = ByteBuffer.allocate(16 + n * 16);
        img.putInt(0x00000803).putInt(n).putInt(4).putInt(4);
        ByteBuffer lab = ByteBuffer.allocate(8 + n);
        lab.putInt(0x00000801).putInt(n);
        for (int i = 0; i < n; i++) {
            int y = i % 2;
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    boolean bright = (c < 2) == (y == 0);
                    img.put((byte) ((bright ? 150 : 20) + rng.nextInt(100)));
                }
            }
            lab.put((byte) y);
        }
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte.gz"), img.array());
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), lab.array());
    }

    private SelectionExperiment.Options options(int seeds, int width) throws IOException {
        Path data = tmp.resolve("data");
        if (!Files.exists(data)) {
            Files.createDirectories(data);
            writeIdx(data, "train", 40, 1);
            writeIdx(data, "t10k", 20, 2);
        }
        return new SelectionExperiment.Options(data, tmp.resolve("out"), seeds, List.of(0.5),
                List.of(SelectionMethod.FORGETTING, SelectionMethod.EL2N), new SubsetTraining.Settings(width, 3, 8, 1e-2), 2);
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream());
    }

    @Test
    void eachSeedRecordsTheFullRunEveryMethodAndRandomOnceAndResumesWithoutRedoing() throws IOException {
        SelectionExperiment.run(options(1, 8), quiet());
        Path results = tmp.resolve("out/results.jsonl");
        List<String> first = Files.readAllLines(results);
        assertEquals(4, first.size()); // full, forgetting, el2n, random
        List<SelectionRun> runs = SelectionExperiment.readResults(results);
        assertEquals(List.of("full", "forgetting", "el2n", "random"), runs.stream().map(SelectionRun::method).toList());
        assertEquals(List.of(40, 20, 20, 20), runs.stream().map(SelectionRun::kept).toList());
        assertEquals(40, ScoresFile.read(tmp.resolve("out/seed-1")).size());
        for (String f : List.of("report.md", "report.json", "accuracy.png", "forgetting-sheet.png")) {
            assertTrue(Files.size(tmp.resolve("out").resolve(f)) > 0, f);
        }

        SelectionExperiment.run(options(2, 8), quiet());
        List<String> second = Files.readAllLines(results);
        assertEquals(8, second.size());
        assertEquals(first, second.subList(0, 4));
        assertTrue(second.subList(4, 8).stream().allMatch(l -> l.startsWith("{\"seed\":2,")), second.toString());
    }

    @Test
    void otherSettingsInTheSameFolderAreRefused() throws IOException {
        SelectionExperiment.run(options(1, 8), quiet());
        IOException e = assertThrows(IOException.class, () -> SelectionExperiment.run(options(1, 16), quiet()));
        assertTrue(e.getMessage().contains("settings.json"), e.getMessage());
    }
}
