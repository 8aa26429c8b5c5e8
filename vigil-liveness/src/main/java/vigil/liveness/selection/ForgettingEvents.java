package vigil.liveness.selection;

/**
 * Forgetting events (Toneva et al. 2019) from one sample's correctness history, in presentation
 * order: an event is a presentation where the sample is misclassified after being classified
 * correctly at the presentation before.
 */
public final class ForgettingEvents {
    private ForgettingEvents() {
    }

    /** The number of correct -> incorrect transitions in the history. */
    public static int count(boolean[] history) {
        int events = 0;
        for (int t = 1; t < history.length; t++) {
            if (history[t - 1] && !history[t]) {
                events++;
            }
        }
        return events;
    }

    /** Whether the sample was ever classified correctly. */
    public static boolean everLearned(boolean[] history) {
        for (boolean h : history) {
            if (h) {
                return true;
            }
        }
        return false;
    }

    /**
     * The ranking score: forgetting events, plus the fraction of presentations misclassified scaled
     * into [0, 1) to order samples with equal counts (with a few epochs most samples have 0 or 1
     * event, so the count alone leaves large ties). A sample never learned ranks above all others
     * (the paper counts it as forgotten infinitely often): its score is presentations + 1, more than
     * any count can reach (a count is at most presentations / 2).
     */
    public static double score(boolean[] history) {
        if (!everLearned(history)) {
            return history.length + 1;
        }
        int wrong = 0;
        for (boolean h : history) {
            if (!h) {
                wrong++;
            }
        }
        return count(history) + (double) wrong / (history.length + 1);
    }
}
