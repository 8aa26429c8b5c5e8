package vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `vigil metrics`: the exact JSON document, --threshold, the text form and a bad file's error. */
class MetricsCommandTest {
    @TempDir
    Path tmp;
    private Path scores;

    private static CommandRun run(String... args) {
        return CommandRun.of(new MetricsCommand(), args);
    }

    @BeforeEach
    void writeScores() throws Exception {
        // live 0.9 0.7 0.4 | print 0.6 0.2 | replay 0.5 0.1 (worked out in PadMetricsHandComputedTest)
        scores = tmp.resolve("scores.csv");
        Files.writeString(scores, "score,label,attack_type\n0.9,1,\n0.7,1,\n0.4,1,\n0.6,0,print\n0.2,0,print\n"
                + "0.5,0,replay\n0.1,0,replay\n");
    }

    @Test
    void jsonHasExactlyTheDocumentedShapeAtTheDefaultThreshold() {
        CommandRun r = run("--scores", scores.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        double third = 1.0 / 3;
        String want = "{\"apcer\":0.5,\"apcer_per_type\":{\"print\":0.5,\"replay\":0.5},\"bpcer\":" + third
                + ",\"acer\":" + (0.5 + third) / 2 + ",\"eer\":" + (0.25 + third) / 2 + ",\"auc\":" + 10.0 / 12
                + ",\"bpcer_at_apcer\":{\"0.01\":" + third + ",\"0.05\":" + third + "}}";
        assertEquals(want, r.out().strip());
    }

    @Test
    void thresholdMovesTheOperatingPointOnly() {
        CommandRun r = run("--scores", scores.toString(), "--json", "--threshold", "0.65");
        assertEquals(0, r.exit(), r.err());
        // At 0.65: print 0 of 2, replay 0 of 2 accepted; 0.4 rejected of 3 lives. EER and AUC unchanged.
        double third = 1.0 / 3;
        String want = "{\"apcer\":0.0,\"apcer_per_type\":{\"print\":0.0,\"replay\":0.0},\"bpcer\":" + third
                + ",\"acer\":" + (0.0 + third) / 2 + ",\"eer\":" + (0.25 + third) / 2 + ",\"auc\":" + 10.0 / 12
                + ",\"bpcer_at_apcer\":{\"0.01\":" + third + ",\"0.05\":" + third + "}}";
        assertEquals(want, r.out().strip());
    }

    @Test
    void textFormNamesEveryMetric() {
        CommandRun r = run("--scores", scores.toString());
        assertEquals(0, r.exit(), r.err());
        for (String label : new String[] {"APCER  50.0000%", "print: 50.0000%", "BPCER  33.3333%", "ACER ", "EER ",
            "AUC    0.833333", "BPCER @ APCER 1%  33.3333%"}) {
            assertTrue(r.out().contains(label), label + " in\n" + r.out());
        }
    }

    @Test
    void aMalformedLineFailsWithItsFileAndLine() throws Exception {
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "score,label,attack_type\n0.3,1,\n0.2,2,print\n");
        CommandRun r = run("--scores", bad.toString(), "--json");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains(bad + ":3: label must be 1"), r.err());
    }
}
