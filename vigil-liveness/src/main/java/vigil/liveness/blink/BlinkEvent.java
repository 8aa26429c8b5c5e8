package vigil.liveness.blink;

/**
 * One blink: its first and last closed frame and the most closed one (0-based frame indices of
 * the stream), their presentation times in seconds, and the closure probability at the peak.
 */
public record BlinkEvent(int start, int end, int peak, double startSeconds, double endSeconds, double peakSeconds,
                         float peakClosure) {
    public BlinkEvent {
        if (start > peak || peak > end) {
            throw new IllegalArgumentException("blink frames must satisfy start <= peak <= end, got " + start + ", "
                    + peak + ", " + end);
        }
    }

    /** Closed time: from the start frame to the end frame, plus the end frame's own duration. */
    public double durationSeconds(double framePeriodSeconds) {
        return endSeconds - startSeconds + framePeriodSeconds;
    }
}
