package vigil.liveness.metrics;

import java.util.Arrays;

/**
 * The maximum of a fixed set of slots under point updates, in O(log k) per update and O(1) per query
 * (a segment tree). Used to keep the worst attack type's APCER while the threshold sweeps upward, so the
 * sweep costs O(n log k) rather than O(n k). Empty slots hold -infinity.
 */
final class RunningMax {
    private final int leaves;
    private final double[] tree; // tree[1] is the root; leaves at [leaves, 2 * leaves)

    RunningMax(int slots) {
        int size = 1;
        while (size < Math.max(1, slots)) {
            size <<= 1;
        }
        leaves = size;
        tree = new double[2 * size];
        Arrays.fill(tree, Double.NEGATIVE_INFINITY);
    }

    void set(int slot, double value) {
        int i = leaves + slot;
        tree[i] = value;
        for (i >>= 1; i >= 1; i >>= 1) {
            tree[i] = Math.max(tree[2 * i], tree[2 * i + 1]);
        }
    }

    /** The largest value set; -infinity when no slot was set. */
    double max() {
        return tree[1];
    }
}
