package vigil.liveness.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scores CSV: exact round trip, and a clear error naming file:line for each kind of damage. */
class ScoresFileTest {
    @TempDir
    Path tmp;

    static SampleScores sample() {
        return new SampleScores(new String[] {"train:0", "faces/a b.png", "train:2"}, new int[] {3, 0, 9},
                new boolean[][] {{true, false, true}, {false, false, false}, {true, true, true}},
                new float[] {0.1f, 1.25f, 1e-7f}, new float[] {3.5f, 7f, 0f}, new float[] {0.3f, 0.9f, 0f});
    }

    @Test
    void writeThenReadGivesBackTheSameScores() throws IOException {
        SampleScores s = sample();
        ScoresFile.write(s, tmp.resolve("run").resolve(ScoresFile.FILE_NAME));
        SampleScores back = ScoresFile.read(tmp.resolve("run")); // a run folder resolves to its scores.csv
        assertArrayEquals(s.ids(), back.ids());
        assertArrayEquals(s.labels(), back.labels());
        assertArrayEquals(s.histories(), back.histories());
        assertArrayEquals(s.el2n(), back.el2n(), 0);
        assertArrayEquals(s.gradNorm(), back.gradNorm(), 0);
        assertArrayEquals(s.confidence(), back.confidence(), 0);
        assertEquals("train:0,3,101,1,0.1,3.5,0.3", Files.readAllLines(tmp.resolve("run/scores.csv")).get(1));
    }

    @Test
    void aMissingFileNamesThePath() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ScoresFile.read(tmp.resolve("nowhere")));
        assertTrue(e.getMessage().contains(tmp.resolve("nowhere").toString()), e.getMessage());
    }

    @Test
    void aWrongHeaderIsReportedAtLineOne() throws IOException {
        Path f = write("score,label,attack_type\n0.5,1,\n");
        IOException e = assertThrows(IOException.class, () -> ScoresFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ":1: expected the header"), e.getMessage());
    }

    @Test
    void aTruncatedLineIsReportedWithItsLineNumber() throws IOException {
        Path f = write(ScoresFile.HEADER + "\ntrain:0,3,101,1,0.1,3.5,0.3\ntrain:1,3,101,1,0.1\n");
        IOException e = assertThrows(IOException.class, () -> ScoresFile.read(f));
        assertEquals(f + ":3: expected 7 fields (" + ScoresFile.HEADER + "), got 5", e.getMessage());
    }

    @Test
    void aForgettingCountThatDisagreesWithTheHistoryIsCorruption() throws IOException {
        Path f = write(ScoresFile.HEADER + "\ntrain:0,3,101,2,0.1,3.5,0.3\n");
        IOException e = assertThrows(IOException.class, () -> ScoresFile.read(f));
        assertTrue(e.getMessage().startsWith(f + ":2: forgetting_events 2 does not match history 101"), e.getMessage());
    }

    @Test
    void aNonNumericScoreIsReportedByColumn() throws IOException {
        Path f = write(ScoresFile.HEADER + "\ntrain:0,3,101,1,0.1,high,0.3\n");
        IOException e = assertThrows(IOException.class, () -> ScoresFile.read(f));
        assertEquals(f + ":2: gradnorm 'high' is not a finite number", e.getMessage());
    }

    @Test
    void aDuplicateIdIsRejected() throws IOException {
        Path f = write(ScoresFile.HEADER + "\ntrain:0,3,101,1,0.1,3.5,0.3\ntrain:0,3,101,1,0.1,3.5,0.3\n");
        IOException e = assertThrows(IOException.class, () -> ScoresFile.read(f));
        assertTrue(e.getMessage().contains("id 'train:0' appears twice"), e.getMessage());
    }

    private Path write(String text) throws IOException {
        Path f = tmp.resolve("scores.csv");
        Files.writeString(f, text);
        return f;
    }
}
