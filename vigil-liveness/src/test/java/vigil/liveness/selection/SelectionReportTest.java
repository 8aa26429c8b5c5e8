package vigil.liveness.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's means, sample standard deviations and paired differences to random, worked by hand. */
class SelectionReportTest {

    private static final List<SelectionRun> RUNS = List.of(
            new SelectionRun(1, "full", 1.0, 100, 0.90, 1), new SelectionRun(2, "full", 1.0, 100, 0.92, 1),
            new SelectionRun(1, "random", 0.5, 50, 0.80, 1), new SelectionRun(2, "random", 0.5, 50, 0.84, 1),
            new SelectionRun(1, "el2n", 0.5, 50, 0.85, 1), new SelectionRun(2, "el2n", 0.5, 50, 0.83, 1));

    @Test
    void meansStandardDeviationsAndPairedDifferences() {
        SelectionReport r = SelectionReport.of(RUNS);
        assertEquals(0.91, r.full().mean(), 1e-12);
        assertEquals(Math.sqrt(2 * 0.01 * 0.01), r.full().std(), 1e-12); // two values 0.01 either side of the mean
        SelectionReport.Cell el2n = r.cell("el2n", 0.5);
        assertEquals(0.84, el2n.mean(), 1e-12);
        assertEquals(((0.85 - 0.80) + (0.83 - 0.84)) / 2, el2n.minusRandom(), 1e-12);
        assertEquals(1, el2n.wins()); // seed 1 beat random, seed 2 did not
        assertEquals(2, el2n.paired());
        assertTrue(Double.isNaN(r.cell("random", 0.5).minusRandom()));
        assertEquals(List.of("random", "el2n"), r.methods());
    }

    @Test
    void markdownShowsPercentagesWithTheKeptCount() {
        String md = SelectionReport.of(RUNS).markdown();
        assertTrue(md.contains("| 50% (50) | 82.00 ± 2.83 | 84.00 ± 1.41 |"), md);
        assertTrue(md.contains("| 100% (100), full set | 91.00 ± 1.41 |"), md);
        assertTrue(md.contains("| 50% | +2.00 (1/2) |"), md);
    }
}
