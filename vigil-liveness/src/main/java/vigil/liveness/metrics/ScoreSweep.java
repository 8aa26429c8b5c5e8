package vigil.liveness.metrics;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The operating points of a score set at every candidate threshold: each distinct score in ascending
 * order, then +infinity (where nothing is accepted). A sample is accepted as live when score >= t.
 * Built by sorting once and sweeping once: O(n log n) time, O(n) memory.
 *
 * <p>Point g (0 <= g < size()) has threshold {@link #threshold(int)}; at it {@link #livesRejected(int)}
 * live samples score below t, {@link #attacksAccepted(int)} attacks (all types pooled) score at or above
 * t, and {@link #worstTypeApcer(int)} is the largest per-type APCER (NaN when there are no attacks).
 */
public final class ScoreSweep {
    private final String[] types;     // sorted attack type names, declared ones included
    private final int[] typeCounts;   // samples per type
    private final int lives;
    private final int attacks;
    private final double[] thresholds;
    private final int[] livesRejected;
    private final int[] attacksAccepted;
    private final double[] worstTypeApcer;
    private final long twiceMannWhitneyU;

    private ScoreSweep(List<ScoredSample> samples, Collection<String> declaredTypes) {
        TreeSet<String> names = new TreeSet<>(declaredTypes);
        for (ScoredSample s : samples) {
            if (!s.live()) {
                names.add(s.attackType());
            }
        }
        types = names.toArray(String[]::new);
        typeCounts = new int[types.length];
        int n = samples.size();
        double[] scores = new double[n];
        int[] typeOf = new int[n]; // -1 for live
        int liveCount = 0;
        for (int i = 0; i < n; i++) {
            ScoredSample s = samples.get(i);
            scores[i] = s.score();
            typeOf[i] = s.live() ? -1 : Arrays.binarySearch(types, s.attackType());
            if (s.live()) {
                liveCount++;
            } else {
                typeCounts[typeOf[i]]++;
            }
        }
        lives = liveCount;
        attacks = n - liveCount;

        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));

        RunningMax worst = new RunningMax(types.length);
        int[] typeBelow = new int[types.length];
        for (int k = 0; k < types.length; k++) {
            if (typeCounts[k] > 0) {
                worst.set(k, 1.0); // at the lowest threshold every attack is accepted
            }
        }
        double[] th = new double[n + 1];
        int[] rej = new int[n + 1];
        int[] acc = new int[n + 1];
        double[] wst = new double[n + 1];
        int points = 0;
        int liveBelow = 0;
        int attackBelow = 0;
        long twiceU = 0;
        for (int i = 0; i < n; ) {
            double t = scores[order[i]];
            th[points] = t;
            rej[points] = liveBelow;
            acc[points] = attacks - attackBelow;
            wst[points] = attacks > 0 ? worst.max() : Double.NaN;
            points++;
            int groupLives = 0;
            int groupAttacks = 0;
            // -0.0 and 0.0 sort apart but compare equal, so they fall into one group, as they should.
            for (; i < n && scores[order[i]] == t; i++) {
                int k = typeOf[order[i]];
                if (k < 0) {
                    groupLives++;
                } else {
                    groupAttacks++;
                    typeBelow[k]++;
                    worst.set(k, (double) (typeCounts[k] - typeBelow[k]) / typeCounts[k]);
                }
            }
            // Mann-Whitney: a live sample beats every attack below its score and ties with its group's.
            twiceU += 2L * groupLives * attackBelow + (long) groupLives * groupAttacks;
            liveBelow += groupLives;
            attackBelow += groupAttacks;
        }
        th[points] = Double.POSITIVE_INFINITY;
        rej[points] = lives;
        acc[points] = 0;
        wst[points] = attacks > 0 ? 0.0 : Double.NaN;
        points++;
        thresholds = Arrays.copyOf(th, points);
        livesRejected = Arrays.copyOf(rej, points);
        attacksAccepted = Arrays.copyOf(acc, points);
        worstTypeApcer = Arrays.copyOf(wst, points);
        twiceMannWhitneyU = twiceU;
    }

    public static ScoreSweep of(List<ScoredSample> samples) {
        return new ScoreSweep(samples, List.of());
    }

    /** As {@link #of(List)}, with attack types that must be reported even when they have no samples. */
    public static ScoreSweep of(List<ScoredSample> samples, Collection<String> declaredTypes) {
        return new ScoreSweep(samples, declaredTypes);
    }

    public int size() {
        return thresholds.length;
    }

    public double threshold(int point) {
        return thresholds[point];
    }

    public int livesRejected(int point) {
        return livesRejected[point];
    }

    public int attacksAccepted(int point) {
        return attacksAccepted[point];
    }

    public double worstTypeApcer(int point) {
        return worstTypeApcer[point];
    }

    public int lives() {
        return lives;
    }

    public int attacks() {
        return attacks;
    }

    /** Attack type names in ascending order (declared types with no samples included). */
    public List<String> types() {
        return List.of(types);
    }

    public int typeCount(int type) {
        return typeCounts[type];
    }

    /** BPCER at point g; NaN without live samples. */
    public double bpcer(int point) {
        return lives == 0 ? Double.NaN : (double) livesRejected[point] / lives;
    }

    /** The pooled attack acceptance rate at point g (all types as one); NaN without attacks. */
    public double pooledApcer(int point) {
        return attacks == 0 ? Double.NaN : (double) attacksAccepted[point] / attacks;
    }

    /**
     * The point whose pooled APCER and BPCER differ least, the lowest threshold among ties; -1 when
     * either class is empty. Differences are compared exactly, as integers over the common denominator
     * lives * attacks, so that ties are ties and not rounding accidents.
     */
    public int equalErrorPoint() {
        if (lives == 0 || attacks == 0) {
            return -1;
        }
        int best = -1;
        long bestGap = Long.MAX_VALUE;
        for (int g = 0; g < size(); g++) {
            long gap = Math.abs((long) attacksAccepted[g] * lives - (long) livesRejected[g] * attacks);
            if (gap < bestGap) {
                bestGap = gap;
                best = g;
            }
        }
        return best;
    }

    /**
     * Twice the Mann-Whitney U of live over attack scores: pairs with the live sample higher count 2,
     * ties 1. The ROC AUC (live positive, ties one half) is this over 2 * lives * attacks.
     */
    public long twiceMannWhitneyU() {
        return twiceMannWhitneyU;
    }
}
