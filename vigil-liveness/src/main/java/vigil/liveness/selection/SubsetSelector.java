package vigil.liveness.selection;

import java.util.Arrays;
import java.util.Comparator;
import vigil.tensor.init.Rng;

/** Picks round(F * N) samples: the top-scored ones, or a seeded random subset of the same size. */
public final class SubsetSelector {
    private SubsetSelector() {
    }

    /** round(fraction * n), half up; fraction must be in (0, 1]. */
    public static int keptCount(int n, double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("--keep must be a fraction in (0, 1], got " + fraction);
        }
        return (int) Math.round(fraction * n);
    }

    /**
     * Indices of the highest scores, best first; equal scores keep the lower index first, so the
     * result depends only on the scores. NaN scores are rejected (they have no place in the order).
     */
    public static int[] keepTop(double[] scores, double fraction) {
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score of sample " + i + " is NaN; cannot rank it");
            }
        }
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
        int k = keptCount(scores.length, fraction);
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = order[i];
        }
        return out;
    }

    /** A seeded random subset of round(fraction * n) indices, in ascending order. */
    public static int[] keepRandom(int n, double fraction, long seed) {
        int[] perm = new int[n];
        Arrays.setAll(perm, i -> i);
        new Rng(seed).shuffle(perm);
        int[] out = Arrays.copyOf(perm, keptCount(n, fraction));
        Arrays.sort(out);
        return out;
    }
}
