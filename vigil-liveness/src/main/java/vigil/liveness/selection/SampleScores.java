package vigil.liveness.selection;

import java.util.HashSet;
import java.util.Set;

/**
 * The per-sample record of one tracked training run, by sample: id, label, correctness at each
 * epoch's presentation, and the early-epoch EL2N, last-layer gradient norm and confidence loss.
 */
public record SampleScores(String[] ids, int[] labels, boolean[][] histories, float[] el2n, float[] gradNorm,
                           float[] confidence) {
    public SampleScores {
        int n = ids.length;
        if (labels.length != n || histories.length != n || el2n.length != n || gradNorm.length != n
                || confidence.length != n) {
            throw new IllegalArgumentException("sample scores: columns differ in length (" + n + " ids)");
        }
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (!seen.add(id)) {
                throw new IllegalArgumentException("sample scores: id '" + id + "' appears twice");
            }
        }
    }

    public int size() {
        return ids.length;
    }

    public int forgettingEvents(int sample) {
        return ForgettingEvents.count(histories[sample]);
    }

    /** The score each method ranks by; every method keeps the highest. */
    public double[] scores(SelectionMethod method) {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (method) {
                case FORGETTING -> ForgettingEvents.score(histories[i]);
                case EL2N -> el2n[i];
                case GRADNORM -> gradNorm[i];
                case CONFIDENCE -> confidence[i];
            };
        }
        return out;
    }
}
