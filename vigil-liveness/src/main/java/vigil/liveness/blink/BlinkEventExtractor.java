package vigil.liveness.blink;

import java.util.Optional;

/**
 * Turns a per-frame closure probability into blink events, one frame at a time, with hysteresis:
 * an event begins at the first frame at or above {@code high}, takes in every later frame until
 * one falls below {@code low} (so a flicker between the two thresholds does not split a blink),
 * and spans from its first to its last frame at or above {@code high}. It is kept only when its
 * closed time lies in [{@code minSeconds}, {@code maxSeconds}]: durations are in seconds, so the
 * same rule holds at 8 and at 60 fps; longer closures are deliberate, not blinks.
 */
public final class BlinkEventExtractor {
    /** The thresholds used unless told otherwise; chosen from the blink physiology (blinks last ~0.1-0.4 s). */
    public record Thresholds(float high, float low, double minSeconds, double maxSeconds) {
        public static final Thresholds DEFAULT = new Thresholds(0.5f, 0.3f, 0.05, 0.8);

        public Thresholds {
            if (!(low <= high && low > 0 && high < 1 && minSeconds >= 0 && maxSeconds > minSeconds)) {
                throw new IllegalArgumentException("blink thresholds need 0 < low <= high < 1 and 0 <= min < max seconds,"
                        + " got low " + low + ", high " + high + ", " + minSeconds + ".." + maxSeconds + " s");
            }
        }
    }

    private final Thresholds thresholds;
    private boolean open;
    private int start;
    private int lastHigh;
    private int peak;
    private float peakValue;
    private double startTime;
    private double lastHighTime;
    private double peakTime;
    private double previousTime = Double.NaN;
    private double period = Double.NaN;
    private int previousIndex = -1;

    public BlinkEventExtractor(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** Feeds frame index (increasing) at time seconds (increasing) with closure probability p; returns a finished blink. */
    public Optional<BlinkEvent> accept(int index, double seconds, float p) {
        if (index <= previousIndex || !(seconds > previousTime || Double.isNaN(previousTime))) {
            throw new IllegalArgumentException("frames must arrive in order with increasing timestamps: frame " + index
                    + " at " + seconds + " s after frame " + previousIndex + " at " + previousTime + " s");
        }
        if (!Double.isNaN(previousTime)) {
            double gap = seconds - previousTime;
            period = Double.isNaN(period) ? gap : Math.min(period, gap); // the nominal period; drops only widen gaps
        }
        previousTime = seconds;
        previousIndex = index;
        Optional<BlinkEvent> done = Optional.empty();
        if (open && p < thresholds.low()) {
            done = close();
        }
        if (!open && p >= thresholds.high()) {
            open = true;
            start = lastHigh = peak = index;
            startTime = lastHighTime = peakTime = seconds;
            peakValue = p;
        } else if (open) {
            if (p >= thresholds.high()) {
                lastHigh = index;
                lastHighTime = seconds;
            }
            if (p > peakValue) { // above peakValue means above high too, so the peak lies within the span
                peakValue = p;
                peak = index;
                peakTime = seconds;
            }
        }
        return done;
    }

    /** Ends the stream: a blink still open is closed at its last high frame. */
    public Optional<BlinkEvent> finish() {
        return open ? close() : Optional.empty();
    }

    private Optional<BlinkEvent> close() {
        open = false;
        BlinkEvent e = new BlinkEvent(start, lastHigh, peak, startTime, lastHighTime, peakTime, peakValue);
        double closed = e.durationSeconds(Double.isNaN(period) ? 0 : period);
        return closed >= thresholds.minSeconds() && closed <= thresholds.maxSeconds() ? Optional.of(e) : Optional.empty();
    }
}
