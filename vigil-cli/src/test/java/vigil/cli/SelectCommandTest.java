package vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.data.dataset.SampleIdList;
import vigil.liveness.selection.ModelScoreFilter;
import vigil.liveness.selection.ScoresFile;

/** `vigil select`: the list it writes for a score method and for model-score, and its errors. */
class SelectCommandTest {
    @TempDir
    Path tmp;

    private Path run() throws Exception {
        Path dir = tmp.resolve("run");
        Files.createDirectories(dir);
        // el2n: a 0.2, b 0.9, c 0.5, d 0.9 -> order b, d (tie by position), c, a
        Files.writeString(dir.resolve(ScoresFile.FILE_NAME), ScoresFile.HEADER + "\n"
                + "a,0,111,0,0.2,1.0,0.1\n"
                + "b,1,101,1,0.9,2.0,0.2\n"
                + "c,2,011,0,0.5,3.0,0.3\n"
                + "d,3,000,0,0.9,4.0,0.4\n");
        return dir;
    }

    @Test
    void scoreMethodWritesTheTopFractionBestFirst() throws Exception {
        Path list = tmp.resolve("kept.txt");
        CommandRun r = CommandRun.of(new SelectCommand(), "--scores", run().toString(), "--method", "el2n",
                "--keep", "0.75", "--out", list.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("b", "d", "c"), SampleIdList.read(list));
    }

    @Test
    void forgettingPutsNeverLearnedFirstThenTheForgotten() throws Exception {
        Path list = tmp.resolve("kept.txt");
        CommandRun r = CommandRun.of(new SelectCommand(), "--scores", run().resolve("scores.csv").toString(),
                "--method", "forgetting", "--keep", "0.5", "--out", list.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("d", "b"), SampleIdList.read(list));
    }

    @Test
    void modelScoreDropsConfidentlyRejectedAttacks() throws Exception {
        Path csv = tmp.resolve("model.csv");
        Files.writeString(csv, ModelScoreFilter.HEADER + "\nlive.jpg,0.9,1,\neasy.jpg,0.01,0,print\nhard.jpg,0.6,0,replay\n");
        Path list = tmp.resolve("kept.txt");
        CommandRun r = CommandRun.of(new SelectCommand(), "--scores", csv.toString(), "--method", "model-score",
                "--out", list.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("live.jpg", "hard.jpg"), SampleIdList.read(list));
    }

    @Test
    void aMissingScoresFileFailsNamingIt() {
        Path missing = tmp.resolve("no-run");
        CommandRun r = CommandRun.of(new SelectCommand(), "--scores", missing.toString(), "--method", "el2n",
                "--keep", "0.5", "--out", tmp.resolve("x.txt").toString());
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains(missing.toString()), r.err());
        assertTrue(!Files.exists(tmp.resolve("x.txt")));
    }

    @Test
    void anUnknownMethodIsNamedInTheError() throws Exception {
        CommandRun r = CommandRun.of(new SelectCommand(), "--scores", run().toString(), "--method", "loss",
                "--keep", "0.5", "--out", tmp.resolve("x.txt").toString());
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("unknown selection method 'loss'"), r.err());
    }
}
