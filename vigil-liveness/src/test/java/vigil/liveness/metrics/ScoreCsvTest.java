package vigil.liveness.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Score CSV parsing: accepted forms and an error naming file:line for each malformed one. */
class ScoreCsvTest {

    private static String error(String... lines) {
        return assertThrows(IllegalArgumentException.class, () -> ScoreCsv.parse(List.of(lines), "s.csv")).getMessage();
    }

    @Test
    void readsLiveAndAttackRowsSkippingBlankLines() {
        List<ScoredSample> s = ScoreCsv.parse(List.of("score,label,attack_type", "0.93,1,", "", "1e-3,0,print",
                " .5 , 0 , replay "), "s.csv");
        assertEquals(List.of(ScoredSample.live(0.93), ScoredSample.attack(0.001, "print"),
                ScoredSample.attack(0.5, "replay")), s);
    }

    @Test
    void anAttackWithoutATypeCountsAsUnspecified() {
        List<ScoredSample> s = ScoreCsv.parse(List.of("score,label,attack_type", "0.2,0,"), "s.csv");
        assertEquals(ScoredSample.UNSPECIFIED_ATTACK, s.get(0).attackType());
    }

    @Test
    void theHeaderIsRequired() {
        assertTrue(error("0.93,1,").startsWith("s.csv:1: expected the header"));
        assertTrue(error().startsWith("s.csv:1: expected the header"));
    }

    @Test
    void aNaNScoreIsRefusedWithItsLine() {
        assertTrue(error("score,label,attack_type", "0.1,1,", "NaN,0,print").startsWith("s.csv:3: score is NaN"));
    }

    @Test
    void scoresOtherThanFiniteDecimalsAreRefused() {
        assertTrue(error("score,label,attack_type", "Infinity,1,").startsWith("s.csv:2: score 'Infinity'"));
        assertTrue(error("score,label,attack_type", "0x1p-1,1,").startsWith("s.csv:2: score '0x1p-1'"));
        assertTrue(error("score,label,attack_type", "1e999,1,").startsWith("s.csv:2: score '1e999' overflows"));
    }

    @Test
    void aLabelOtherThanZeroOrOneIsRefused() {
        assertTrue(error("score,label,attack_type", "0.5,live,").startsWith("s.csv:2: label must be 1"));
    }

    @Test
    void aLiveSampleWithAnAttackTypeIsRefused() {
        assertTrue(error("score,label,attack_type", "0.5,1,print").startsWith("s.csv:2: a live sample"));
    }

    @Test
    void aLineWithoutThreeFieldsIsRefused() {
        assertTrue(error("score,label,attack_type", "0.5,0").startsWith("s.csv:2: expected 3 fields"));
        assertTrue(error("score,label,attack_type", "0.5,0,print,x").startsWith("s.csv:2: expected 3 fields"));
    }
}
