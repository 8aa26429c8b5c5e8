package vigil.liveness.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import vigil.tensor.init.Rng;

class ErrorCurveTest {

    @Test
    void ratesEqualDirectCountsAtEveryThreshold() {
        Rng rng = new Rng(9);
        double[] live = new double[37];
        double[] attacks = new double[23];
        for (int i = 0; i < live.length; i++) {
            live[i] = rng.nextInt(10) / 10.0; // ties on purpose
        }
        for (int i = 0; i < attacks.length; i++) {
            attacks[i] = rng.nextInt(10) / 10.0;
        }
        ErrorCurve c = ErrorCurve.of(live, attacks);
        assertEquals(Double.POSITIVE_INFINITY, c.thresholds()[c.thresholds().length - 1]);
        for (int k = 0; k < c.thresholds().length; k++) {
            double t = c.thresholds()[k];
            int accepted = 0;
            for (double a : attacks) {
                accepted += a >= t ? 1 : 0;
            }
            int rejected = 0;
            for (double l : live) {
                rejected += l < t ? 1 : 0;
            }
            assertEquals((double) accepted / attacks.length, c.apcer()[k], 0.0, "APCER at " + t);
            assertEquals((double) rejected / live.length, c.bpcer()[k], 0.0, "BPCER at " + t);
        }
    }

    @Test
    void normalDeviateMatchesKnownQuantiles() {
        // Phi^-1 values from the standard normal table (Python statistics.NormalDist().inv_cdf), to 1e-8 (Acklam's error < 1.2e-9 relative).
        assertEquals(1.959963984540054, NormalDeviate.of(0.975), 1e-8);
        assertEquals(-2.3263478740408408, NormalDeviate.of(0.01), 1e-8);
        assertEquals(-3.090232306167813, NormalDeviate.of(0.001), 1e-8);
        assertEquals(0.0, NormalDeviate.of(0.5), 1e-12);
        assertEquals(1.2815515655446004, NormalDeviate.of(0.9), 1e-8);
    }
}
