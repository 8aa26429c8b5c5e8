package vigil.liveness.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vigil.tensor.init.Rng;

/**
 * Subjects dealt into train, dev and test so that each split gets about its fraction of the faces, not
 * just of the subjects (a video subject may hold many faces, a photo one). Subjects are taken largest
 * first (equal sizes in the order of a seeded shuffle of their sorted ids), each to the split furthest
 * below its share of the faces dealt so far; then, with three or more subjects, an empty dev or test split
 * takes the smallest training subject. The same ids, sizes and seed always give the same split, and a
 * subject is in exactly one split, so no face of a test subject is ever trained on.
 */
public record SubjectSplit(List<String> train, List<String> dev, List<String> test) {
    public static final String TRAIN = "train";
    public static final String DEV = "dev";
    public static final String TEST = "test";

    public SubjectSplit {
        train = List.copyOf(train);
        dev = List.copyOf(dev);
        test = List.copyOf(test);
    }

    /** Every subject weighs the same. */
    public static SubjectSplit of(List<String> ids, long seed, double trainFraction, double devFraction) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (String id : ids) {
            if (sizes.put(id, 1) != null) {
                throw new IllegalArgumentException("SubjectSplit: subject " + id + " is listed twice");
            }
        }
        return of(sizes, seed, trainFraction, devFraction);
    }

    /** sizes: faces per subject (at least 1 each). */
    public static SubjectSplit of(Map<String, Integer> sizes, long seed, double trainFraction, double devFraction) {
        if (!(trainFraction > 0 && devFraction >= 0 && trainFraction + devFraction < 1)) {
            throw new IllegalArgumentException("SubjectSplit: fractions train " + trainFraction + " and dev "
                    + devFraction + " must be positive and leave some subjects for test");
        }
        List<String> sorted = new ArrayList<>(sizes.keySet());
        Collections.sort(sorted);
        int n = sorted.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            if (sizes.get(sorted.get(i)) < 1) {
                throw new IllegalArgumentException("SubjectSplit: subject " + sorted.get(i) + " has no faces");
            }
        }
        new Rng(seed).shuffle(order);
        List<String> dealt = new ArrayList<>();
        for (int k : order) {
            dealt.add(sorted.get(k));
        }
        // Stable sort: equal sizes keep the shuffled order.
        dealt.sort((a, b) -> Integer.compare(sizes.get(b), sizes.get(a)));
        double[] share = {trainFraction, devFraction, 1 - trainFraction - devFraction};
        List<List<String>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        long[] faces = new long[3];
        long total = 0;
        for (String id : dealt) {
            total += sizes.get(id);
            int best = 0;
            for (int s = 1; s < 3; s++) {
                if (share[s] * total - faces[s] > share[best] * total - faces[best]) {
                    best = s;
                }
            }
            parts.get(best).add(id);
            faces[best] += sizes.get(id);
        }
        for (int s = 1; s < 3 && n >= 3; s++) {
            if (parts.get(s).isEmpty()) {
                List<String> donor = parts.get(0).size() > 1 ? parts.get(0) : parts.get(3 - s);
                parts.get(s).add(donor.remove(donor.size() - 1));
            }
        }
        for (List<String> p : parts) {
            Collections.sort(p);
        }
        return new SubjectSplit(parts.get(0), parts.get(1), parts.get(2));
    }

    /** "train", "dev" or "test" for a subject of this split. */
    public String splitOf(String id) {
        if (train.contains(id)) {
            return TRAIN;
        }
        if (dev.contains(id)) {
            return DEV;
        }
        if (test.contains(id)) {
            return TEST;
        }
        throw new IllegalArgumentException("SubjectSplit: " + id + " is in no split");
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(TRAIN, train);
        m.put(DEV, dev);
        m.put(TEST, test);
        return m;
    }
}
