package vigil.liveness.metrics;

import java.util.List;

/**
 * The half total error rate on a test set at a threshold chosen on a development set: the dev set's EER
 * threshold (see {@link PadMetrics}) applied to the test scores, HTER = (pooled APCER + BPCER) / 2 there.
 * The APCER here pools all attack types, as the EER that picked the threshold does. NaN when either set
 * lacks live samples or attacks.
 */
public record Hter(double threshold, double apcer, double bpcer, double hter) {

    public static Hter of(List<ScoredSample> dev, List<ScoredSample> test) {
        ScoreSweep devSweep = ScoreSweep.of(dev);
        int point = devSweep.equalErrorPoint();
        double t = point < 0 ? Double.NaN : devSweep.threshold(point);
        return at(t, test);
    }

    /** The HTER of {@code test} at a given threshold; NaN when the threshold is NaN or a class is empty. */
    public static Hter at(double threshold, List<ScoredSample> test) {
        int lives = 0;
        int attacks = 0;
        int livesRejected = 0;
        int attacksAccepted = 0;
        for (ScoredSample s : test) {
            if (s.live()) {
                lives++;
                livesRejected += s.score() < threshold ? 1 : 0;
            } else {
                attacks++;
                attacksAccepted += s.score() >= threshold ? 1 : 0;
            }
        }
        if (Double.isNaN(threshold) || lives == 0 || attacks == 0) {
            return new Hter(threshold, Double.NaN, Double.NaN, Double.NaN);
        }
        double apcer = (double) attacksAccepted / attacks;
        double bpcer = (double) livesRejected / lives;
        return new Hter(threshold, apcer, bpcer, (apcer + bpcer) / 2);
    }
}
