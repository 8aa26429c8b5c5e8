package vigil.liveness.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Small score sets worked out by hand (the arithmetic is in the comments); exact doubles expected. */
class PadMetricsHandComputedTest {
    private static final double NAN = Double.NaN;

    // live 0.9 0.7 0.4 | print 0.6 0.2 | replay 0.5 0.1
    private static final List<ScoredSample> SMALL = List.of(
            ScoredSample.live(0.9), ScoredSample.live(0.7), ScoredSample.live(0.4),
            ScoredSample.attack(0.6, "print"), ScoredSample.attack(0.2, "print"),
            ScoredSample.attack(0.5, "replay"), ScoredSample.attack(0.1, "replay"));

    @Test
    void ratesAtTheDefaultThresholdCountScoresAtTheThresholdAsLive() {
        PadMetrics m = PadMetrics.of(SMALL, PadMetrics.DEFAULT_THRESHOLD);
        assertEquals(1.0 / 2, m.apcerPerType().get("print"), 0.0);   // 0.6 >= 0.5
        assertEquals(1.0 / 2, m.apcerPerType().get("replay"), 0.0);  // 0.5 >= 0.5
        assertEquals(1.0 / 2, m.apcer(), 0.0);
        assertEquals(1.0 / 3, m.bpcer(), 0.0);                       // 0.4 < 0.5
        assertEquals((1.0 / 2 + 1.0 / 3) / 2, m.acer(), 0.0);
    }

    @Test
    void apcerIsTheWorstAttackTypes() {
        PadMetrics m = PadMetrics.of(SMALL, 0.55);
        assertEquals(1.0 / 2, m.apcerPerType().get("print"), 0.0);
        assertEquals(0.0, m.apcerPerType().get("replay"), 0.0);
        assertEquals(1.0 / 2, m.apcer(), 0.0);
    }

    @Test
    void eerIsTakenWherePooledApcerAndBpcerAreClosest() {
        // t:        0.1  0.2  0.4  0.5  0.6  0.7  0.9  inf
        // accepted:  4    3    2    2    1    0    0    0   (of 4 attacks)
        // rejected:  0    0    0    1    1    1    2    3   (of 3 lives)
        // |3 acc - 4 rej| is smallest (1) at 0.6: (1/4 + 1/3) / 2.
        PadMetrics m = PadMetrics.of(SMALL, 0.5);
        assertEquals(0.6, m.eerThreshold(), 0.0);
        assertEquals((1.0 / 4 + 1.0 / 3) / 2, m.eer(), 0.0);
    }

    @Test
    void eerTiesGoToTheLowestThreshold() {
        // t: 0.2 0.5 0.8 inf; accepted 1 1 0 0 (of 1), rejected 0 1 1 2 (of 2); |2 acc - rej| = 2 1 1 2.
        List<ScoredSample> s = List.of(ScoredSample.live(0.2), ScoredSample.live(0.8), ScoredSample.attack(0.5, "print"));
        PadMetrics m = PadMetrics.of(s, 0.5);
        assertEquals(0.5, m.eerThreshold(), 0.0);
        assertEquals((1.0 + 0.5) / 2, m.eer(), 0.0);
    }

    @Test
    void aucCountsPairsAndTiesOneHalf() {
        // 0.9 and 0.7 beat all 4 attacks, 0.4 beats 0.2 and 0.1: U = 10 of 12 pairs.
        assertEquals(10.0 / 12, PadMetrics.of(SMALL, 0.5).auc(), 0.0);
        // live 0.5 0.3 vs attack 0.5 0.1: (0.5 + 1) + (0 + 1) = 2.5 of 4.
        List<ScoredSample> tied = List.of(ScoredSample.live(0.5), ScoredSample.live(0.3),
                ScoredSample.attack(0.5, "print"), ScoredSample.attack(0.1, "print"));
        assertEquals(2.5 / 4, PadMetrics.of(tied, 0.5).auc(), 0.0);
    }

    @Test
    void bpcerAtApcerBoundsTheWorstTypeNotThePooledRate() {
        // live 0.9 0.55 | print 0.6 | replay 0.1 0.2 0.3 0.5. At t = 0.55 the pooled APCER is 1/5 <= 0.25
        // with BPCER 0, but print's APCER is 1; the first t with every type <= 0.25 is 0.9: BPCER 1/2.
        List<ScoredSample> s = List.of(ScoredSample.live(0.9), ScoredSample.live(0.55),
                ScoredSample.attack(0.6, "print"), ScoredSample.attack(0.1, "replay"),
                ScoredSample.attack(0.2, "replay"), ScoredSample.attack(0.3, "replay"),
                ScoredSample.attack(0.5, "replay"));
        assertEquals(1.0 / 2, PadMetrics.bpcerAtApcer(ScoreSweep.of(s), 0.25), 0.0);
        // For SMALL: every type at 0 first at t = 0.7, where 1 of 3 lives is rejected.
        PadMetrics m = PadMetrics.of(SMALL, 0.5);
        assertEquals(1.0 / 3, m.bpcerAtApcer1Percent(), 0.0);
        assertEquals(1.0 / 3, m.bpcerAtApcer5Percent(), 0.0);
    }

    @Test
    void aDeclaredTypeWithoutSamplesIsNaNAndLeftOutOfTheMaximum() {
        PadMetrics m = PadMetrics.of(SMALL, 0.55, List.of("mask"));
        assertEquals(List.of("mask", "print", "replay"), List.copyOf(m.apcerPerType().keySet()));
        assertTrue(Double.isNaN(m.apcerPerType().get("mask")));
        assertEquals(1.0 / 2, m.apcer(), 0.0);
    }

    @Test
    void withoutLiveSamplesEverythingNeedingThemIsNaN() {
        PadMetrics m = PadMetrics.of(List.of(ScoredSample.attack(0.7, "print"), ScoredSample.attack(0.2, "print")), 0.5);
        assertEquals(1.0 / 2, m.apcer(), 0.0);
        for (double v : new double[] {m.bpcer(), m.acer(), m.eer(), m.auc(), m.bpcerAtApcer1Percent()}) {
            assertTrue(Double.isNaN(v));
        }
    }

    @Test
    void withoutAttacksEverythingNeedingThemIsNaN() {
        PadMetrics m = PadMetrics.of(List.of(ScoredSample.live(0.7), ScoredSample.live(0.2)), 0.5);
        assertEquals(1.0 / 2, m.bpcer(), 0.0);
        assertTrue(m.apcerPerType().isEmpty());
        for (double v : new double[] {m.apcer(), m.acer(), m.eer(), m.auc(), m.bpcerAtApcer5Percent()}) {
            assertTrue(Double.isNaN(v));
        }
    }

    @Test
    void noSamplesGiveNaNEverywhereAndNullsInJson() {
        PadMetrics m = PadMetrics.of(List.of(), 0.5);
        assertEquals("{\"apcer\":null,\"apcer_per_type\":{},\"bpcer\":null,\"acer\":null,\"eer\":null,\"auc\":null,"
                + "\"bpcer_at_apcer\":{\"0.01\":null,\"0.05\":null}}", vigil.tensor.io.Json.write(m.toJson()));
    }

    @Test
    void hterAppliesTheDevEerThresholdToTheTestSet() {
        // Dev: EER threshold 0.6 (see eerIsTakenWherePooledApcerAndBpcerAreClosest).
        // Test at 0.6: attacks 0.65 accepted of {0.65, 0.3} -> 1/2; lives 0.58 rejected of {0.58, 0.8} -> 1/2.
        List<ScoredSample> test = List.of(ScoredSample.live(0.58), ScoredSample.live(0.8),
                ScoredSample.attack(0.65, "replay"), ScoredSample.attack(0.3, "print"));
        Hter h = Hter.of(SMALL, test);
        assertEquals(0.6, h.threshold(), 0.0);
        assertEquals(0.5, h.apcer(), 0.0);
        assertEquals(0.5, h.bpcer(), 0.0);
        assertEquals(0.5, h.hter(), 0.0);
    }
}
