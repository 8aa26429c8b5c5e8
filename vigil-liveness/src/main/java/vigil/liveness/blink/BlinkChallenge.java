package vigil.liveness.blink;

import java.util.ArrayList;
import java.util.List;

/**
 * An action challenge: "blink N times within T seconds" of the challenge's start. The result
 * carries its evidence: the blinks that count (their frames and times), and why it passed or not.
 */
public record BlinkChallenge(int blinks, double withinSeconds) {
    public BlinkChallenge {
        if (blinks < 1 || !(withinSeconds > 0)) {
            throw new IllegalArgumentException("a blink challenge needs N >= 1 blinks within T > 0 seconds, got "
                    + blinks + " within " + withinSeconds);
        }
    }

    /** The outcome: pass or fail, the blinks counted, and a one-line reason. */
    public record Result(boolean passed, List<BlinkEvent> counted, String reason) {
    }

    /**
     * Judges the events of a stream whose challenge began at startSeconds: a blink counts when
     * its peak lies in [start, start + T]; the challenge passes at the N-th such blink.
     */
    public Result evaluate(List<BlinkEvent> events, double startSeconds) {
        List<BlinkEvent> counted = new ArrayList<>();
        double deadline = startSeconds + withinSeconds;
        for (BlinkEvent e : events) {
            if (e.peakSeconds() >= startSeconds && e.peakSeconds() <= deadline) {
                counted.add(e);
            }
        }
        boolean passed = counted.size() >= blinks;
        String reason = passed
                ? String.format(java.util.Locale.ROOT, "%d blink(s) within %.2f s (needed %d); blink %d peaked at %.2f s",
                        counted.size(), withinSeconds, blinks, blinks, counted.get(blinks - 1).peakSeconds())
                : String.format(java.util.Locale.ROOT, "only %d blink(s) within %.2f s of %.2f s; needed %d",
                        counted.size(), withinSeconds, startSeconds, blinks);
        return new Result(passed, List.copyOf(counted), reason);
    }
}
