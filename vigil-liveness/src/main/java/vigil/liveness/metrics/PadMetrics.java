package vigil.liveness.metrics;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Presentation attack detection metrics of ISO/IEC 30107-3, defined as in issue 7 so that results are
 * comparable. A higher score means more live; a sample is accepted as live when score >= threshold.
 * Rates are fractions in [0, 1].
 *
 * <ul>
 * <li>APCER_type(t): share of that type's attacks with score >= t. APCER(t): the maximum over types.
 * <li>BPCER(t): share of live samples with score < t. ACER = (APCER + BPCER) / 2.
 * <li>bpcer_at_apcer[x]: the smallest BPCER(t) over t in {each distinct score, +infinity} with APCER(t) <= x.
 * <li>EER: at the candidate threshold (same set) where |pooled APCER - BPCER| is smallest, the lowest such
 *     threshold on ties, the mean of the two. The pooled APCER treats all attack types as one.
 * <li>AUC: ROC area with live as positive, ties counting one half (the Mann-Whitney statistic).
 * </ul>
 *
 * <p>Degenerate cases: a rate whose denominator is zero is NaN (written as JSON null), and so is
 * everything computed from it. So without live samples BPCER, ACER, EER, AUC and bpcer_at_apcer are
 * NaN; without attacks APCER, ACER, EER, AUC and bpcer_at_apcer are NaN; a declared attack type with no
 * samples has APCER_type NaN and is left out of the maximum (APCER is NaN only when no type has samples).
 * With no samples at all every metric is NaN.
 *
 * @param eerThreshold the threshold the EER was taken at (NaN when the EER is), e.g. to apply to a test set
 */
public record PadMetrics(double threshold, double apcer, SortedMap<String, Double> apcerPerType, double bpcer,
                         double acer, double eer, double eerThreshold, double auc, double bpcerAtApcer1Percent,
                         double bpcerAtApcer5Percent, int lives, int attacks) {

    public static final double DEFAULT_THRESHOLD = 0.5;

    public PadMetrics {
        apcerPerType = Collections.unmodifiableSortedMap(new TreeMap<>(apcerPerType));
    }

    public static PadMetrics of(List<ScoredSample> samples, double threshold) {
        return of(samples, threshold, List.of());
    }

    /** As {@link #of(List, double)}, reporting each of {@code declaredTypes} even when it has no samples. */
    public static PadMetrics of(List<ScoredSample> samples, double threshold, Collection<String> declaredTypes) {
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("PadMetrics: threshold is NaN");
        }
        ScoreSweep sweep = ScoreSweep.of(samples, declaredTypes);
        List<String> types = sweep.types();
        int[] accepted = new int[types.size()];
        int livesRejected = 0;
        for (ScoredSample s : samples) {
            if (s.live()) {
                livesRejected += s.score() < threshold ? 1 : 0;
            } else if (s.score() >= threshold) {
                accepted[Collections.binarySearch(types, s.attackType())]++;
            }
        }
        SortedMap<String, Double> perType = new TreeMap<>();
        double apcer = Double.NaN;
        for (int k = 0; k < types.size(); k++) {
            int n = sweep.typeCount(k);
            double rate = n == 0 ? Double.NaN : (double) accepted[k] / n;
            perType.put(types.get(k), rate);
            if (n > 0) {
                apcer = Double.isNaN(apcer) ? rate : Math.max(apcer, rate);
            }
        }
        double bpcer = sweep.lives() == 0 ? Double.NaN : (double) livesRejected / sweep.lives();

        int eerPoint = sweep.equalErrorPoint();
        double eer = eerPoint < 0 ? Double.NaN : (sweep.pooledApcer(eerPoint) + sweep.bpcer(eerPoint)) / 2;
        double eerThreshold = eerPoint < 0 ? Double.NaN : sweep.threshold(eerPoint);
        boolean bothClasses = sweep.lives() > 0 && sweep.attacks() > 0;
        double auc = bothClasses
                ? (double) sweep.twiceMannWhitneyU() / (2.0 * sweep.lives() * sweep.attacks())
                : Double.NaN;
        return new PadMetrics(threshold, apcer, perType, bpcer, (apcer + bpcer) / 2, eer, eerThreshold, auc,
                bpcerAtApcer(sweep, 0.01), bpcerAtApcer(sweep, 0.05), sweep.lives(), sweep.attacks());
    }

    /** The smallest BPCER over candidate thresholds whose (worst-type) APCER is at most {@code maxApcer}. */
    public static double bpcerAtApcer(ScoreSweep sweep, double maxApcer) {
        if (sweep.lives() == 0 || sweep.attacks() == 0) {
            return Double.NaN;
        }
        double best = Double.NaN;
        for (int g = 0; g < sweep.size(); g++) {
            if (sweep.worstTypeApcer(g) <= maxApcer) {
                double b = sweep.bpcer(g);
                best = Double.isNaN(best) ? b : Math.min(best, b);
            }
        }
        return best; // +infinity has APCER 0, so some threshold always qualifies
    }

    /**
     * The `vigil metrics --json` document, keys in this order:
     * {"apcer","apcer_per_type":{type:..},"bpcer","acer","eer","auc","bpcer_at_apcer":{"0.01","0.05"}};
     * NaN values become null (see {@link vigil.tensor.io.Json#write}).
     */
    public Map<String, Object> toJson() {
        Map<String, Object> at = new LinkedHashMap<>();
        at.put("0.01", bpcerAtApcer1Percent);
        at.put("0.05", bpcerAtApcer5Percent);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("apcer", apcer);
        m.put("apcer_per_type", new LinkedHashMap<String, Object>(apcerPerType));
        m.put("bpcer", bpcer);
        m.put("acer", acer);
        m.put("eer", eer);
        m.put("auc", auc);
        m.put("bpcer_at_apcer", at);
        return m;
    }

    /** A readable report, one metric a line, rates in percent. */
    public List<String> text() {
        List<String> lines = new java.util.ArrayList<>();
        lines.add(String.format("samples: %d live, %d attacks; accepted as live when score >= %s",
                lives, attacks, threshold));
        lines.add("APCER  " + percent(apcer) + "  (worst attack type)");
        apcerPerType.forEach((type, rate) -> lines.add("  " + type + ": " + percent(rate)));
        lines.add("BPCER  " + percent(bpcer));
        lines.add("ACER   " + percent(acer));
        lines.add("EER    " + percent(eer) + (Double.isNaN(eerThreshold) ? "" : "  at threshold " + eerThreshold));
        lines.add("AUC    " + (Double.isNaN(auc) ? "n/a" : String.format("%.6f", auc)));
        lines.add("BPCER @ APCER 1%  " + percent(bpcerAtApcer1Percent));
        lines.add("BPCER @ APCER 5%  " + percent(bpcerAtApcer5Percent));
        return lines;
    }

    static String percent(double rate) {
        return Double.isNaN(rate) ? "n/a" : String.format("%.4f%%", 100 * rate);
    }
}
