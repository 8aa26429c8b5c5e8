package vigil.liveness.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** model-score keeps live samples and the attacks a model is not already sure of (1 - score <= threshold). */
class ModelScoreFilterTest {
    @TempDir
    Path tmp;

    private Path scores() throws IOException {
        Path f = tmp.resolve("model.csv");
        // Scores are sums of powers of two, so 1 - score is exact and the comparisons are exact.
        Files.writeString(f, ModelScoreFilter.HEADER + "\n"
                + "live/1.jpg,0.03125,1,\n"     // live, even when the model thinks it is an attack
                + "spoof/2.jpg,0.03125,0,print\n" // attack probability 0.96875 > 0.95: dropped
                + "spoof/3.jpg,0.0625,0,print\n"  // 0.9375 <= 0.95: kept
                + "spoof/4.jpg,0.5,0,replay\n"    // exactly at threshold 0.5 below: kept
                + "\n"
                + "spoof/5.jpg,0.25,0,\n");       // 0.75
        return f;
    }

    @Test
    void theDefaultThresholdDropsOnlyAttacksScoredAboveNinetyFivePercent() throws IOException {
        List<String> kept = ModelScoreFilter.keep(ModelScoreFilter.read(scores()), ModelScoreFilter.DEFAULT_THRESHOLD);
        assertEquals(List.of("live/1.jpg", "spoof/3.jpg", "spoof/4.jpg", "spoof/5.jpg"), kept);
    }

    @Test
    void anAttackExactlyAtTheThresholdIsKeptAndOneAboveIsDropped() throws IOException {
        List<String> kept = ModelScoreFilter.keep(ModelScoreFilter.read(scores()), 0.5);
        assertEquals(List.of("live/1.jpg", "spoof/4.jpg"), kept);
    }

    @Test
    void thresholdOneKeepsEverything() throws IOException {
        assertEquals(5, ModelScoreFilter.keep(ModelScoreFilter.read(scores()), 1.0).size());
    }

    @Test
    void aBadLineIsReportedWithTheFileAndItsLineNumber() throws IOException {
        Path f = tmp.resolve("bad.csv");
        Files.writeString(f, ModelScoreFilter.HEADER + "\na.jpg,0.5,1,\n\nb.jpg,0.4,2,\n");
        IOException e = assertThrows(IOException.class, () -> ModelScoreFilter.read(f));
        assertTrue(e.getMessage().startsWith(f + ":4: label must be 1 (live) or 0 (attack)"), e.getMessage());
    }

    @Test
    void aScoreFileWithoutIdsIsRejectedAtTheHeader() throws IOException {
        Path f = tmp.resolve("noid.csv");
        Files.writeString(f, "score,label,attack_type\n0.5,1,\n");
        IOException e = assertThrows(IOException.class, () -> ModelScoreFilter.read(f));
        assertTrue(e.getMessage().startsWith(f + ":1: expected the header 'id,score,label,attack_type'"), e.getMessage());
    }
}
