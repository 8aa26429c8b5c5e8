package vigil.data.loader;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * Live/spoof (or any label) balancing by interleaving, applied to each epoch's order after the
 * shuffle buffer. Within a label group the (shuffled) order is kept; only how the groups alternate
 * changes, so no sample is dropped or repeated and the epoch keeps its size. Groups are taken in
 * ascending label order.
 */
public enum Interleave {
    /** The order as it is. */
    NONE,
    /**
     * Round-robin: one sample of each label group in turn (ascending labels); a group that runs
     * out drops out of the rotation. With 3 live (L) and 5 spoof (S): L S L S L S S S. Every batch
     * is balanced until the smaller groups run out.
     */
    ROUND_ROBIN,
    /**
     * Proportional: every group is spread evenly over the epoch. The k-th sample (0-based) of a
     * group of n gets the key (k + 1/2) / n, and samples come in key order, ties in ascending label
     * order. With 3 live and 5 spoof: S L S L S S L S. Every batch holds the groups in about their
     * overall proportion.
     */
    PROPORTIONAL;

    /** The order rearranged; labels[i] is the label of dataset index i. */
    public int[] apply(int[] order, int[] labels) {
        if (this == NONE) {
            return order.clone();
        }
        TreeMap<Integer, int[]> groups = groups(order, labels);
        int[][] members = groups.values().toArray(int[][]::new);
        return this == ROUND_ROBIN ? roundRobin(members, order.length) : proportional(members, order.length);
    }

    /** The order split by label, each group in order, groups by ascending label. */
    private static TreeMap<Integer, int[]> groups(int[] order, int[] labels) {
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        for (int index : order) {
            counts.merge(labels[index], 1, Integer::sum);
        }
        TreeMap<Integer, int[]> groups = new TreeMap<>();
        TreeMap<Integer, Integer> filled = new TreeMap<>();
        for (var entry : counts.entrySet()) {
            groups.put(entry.getKey(), new int[entry.getValue()]);
            filled.put(entry.getKey(), 0);
        }
        for (int index : order) {
            int label = labels[index];
            int k = filled.merge(label, 1, Integer::sum) - 1;
            groups.get(label)[k] = index;
        }
        return groups;
    }

    private static int[] roundRobin(int[][] groups, int total) {
        int[] out = new int[total];
        int[] next = new int[groups.length];
        int emitted = 0;
        while (emitted < total) {
            for (int g = 0; g < groups.length; g++) {
                if (next[g] < groups[g].length) {
                    out[emitted++] = groups[g][next[g]++];
                }
            }
        }
        return out;
    }

    private static int[] proportional(int[][] groups, int total) {
        // Merge by key (2k + 1) / (2n), compared exactly as (2k + 1) * n' against (2k' + 1) * n.
        long[][] slots = new long[total][];
        int s = 0;
        for (int g = 0; g < groups.length; g++) {
            for (int k = 0; k < groups[g].length; k++) {
                slots[s++] = new long[] {2L * k + 1, groups[g].length, g, groups[g][k]};
            }
        }
        Arrays.sort(slots, (a, b) -> {
            int byKey = Long.compare(a[0] * b[1], b[0] * a[1]);
            return byKey != 0 ? byKey : Long.compare(a[2], b[2]);
        });
        int[] out = new int[total];
        for (int i = 0; i < total; i++) {
            out[i] = (int) slots[i][3];
        }
        return out;
    }
}
