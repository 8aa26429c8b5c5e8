package vigil.liveness.blink;

import java.util.Arrays;

/**
 * The median of the last {@code window} values pushed, the causal per-sequence baseline the blink
 * features are measured against (a blink lasts far fewer frames than half the window, so it does
 * not move the median).
 */
final class RunningMedian {
    private final float[] ring;
    private final float[] sorted;
    private int count;
    private int next;

    RunningMedian(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("running median window must be >= 1, got " + window);
        }
        ring = new float[window];
        sorted = new float[window];
    }

    /** Adds v and returns the median of the window including it. */
    float push(float v) {
        ring[next] = v;
        next = (next + 1) % ring.length;
        count = Math.min(count + 1, ring.length);
        System.arraycopy(ring, 0, sorted, 0, count);
        Arrays.sort(sorted, 0, count);
        return count % 2 == 1 ? sorted[count / 2] : 0.5f * (sorted[count / 2 - 1] + sorted[count / 2]);
    }
}
