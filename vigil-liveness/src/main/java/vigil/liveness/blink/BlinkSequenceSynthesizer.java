package vigil.liveness.blink;

import java.util.ArrayList;
import java.util.List;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;

/**
 * Draws labelled training sequences for the blink GRU from an {@link EyeStateBank}: one source
 * face per sequence, a frame rate of 8-30 fps, a length of {@code minFrames..maxFrames}, and a
 * few eye events placed in continuous time and sampled at the frame times (so the same blink
 * covers 1-2 frames at 8 fps and up to 13 at 30 fps; frames can be dropped).
 *
 * <p>Events: blinks (both eyes, 0.1-0.45 s, closure 0.85-1), and the hard negatives a blink check
 * must not count: half blinks, winks, squints, slow deliberate closures (> 1 s), looking down.
 * Per sequence the CNN's response and the landmark EAR's response to closure are randomised, and
 * head motion switches the jittered crop variant between frames, so the model learns from the
 * change against the sequence's own resting level, not from absolute values.
 *
 * <p>A share of the sequences ({@link #STILL_SHARE}) is a photo held to the camera: no event, the
 * eyes fixed at one closure from the first frame to the last (often fully closed), only the jitter
 * of a hand-held print. A closed eye that never opens is not a blink, and the sequences that start
 * from open eyes never show the model a closed eye at the first frame, before the running medians
 * know the face's resting level.
 *
 * <p>Target per frame: 1 when the frame lies in a blink with both eyes at least half closed, else 0.
 */
public final class BlinkSequenceSynthesizer {
    /**
     * A batch: x [N, T, BlinkFeatures.SIZE], target [N, T, 1], per sequence the blink spans (first and
     * last frame whose target is 1) and the frame times in seconds [N][T].
     */
    public record Batch(Tensor x, Tensor target, List<List<int[]>> blinks, double[][] times) {
    }

    /** Share of sequences that show a still photo: fixed eyes, no event. */
    static final float STILL_SHARE = 0.1f;

    enum Kind { BLINK, HALF_BLINK, WINK, SQUINT, SLOW_CLOSURE, LOOK_DOWN }

    /** An event in seconds: closure of each eye rises over [start, start+rise], holds, falls by end. */
    record Event(Kind kind, double start, double rise, double hold, double fall, float peakLeft, float peakRight) {
        double end() {
            return start + rise + hold + fall;
        }

        float closure(double t, boolean left) {
            float peak = left ? peakLeft : peakRight;
            if (t <= start || t >= end()) {
                return 0;
            }
            double u = t - start;
            if (u < rise) {
                return (float) (peak * u / rise);
            }
            if (u < rise + hold) {
                return peak;
            }
            return (float) (peak * (end() - t) / fall);
        }
    }

    private final EyeStateBank bank;
    private final int minFrames;
    private final int maxFrames;

    public BlinkSequenceSynthesizer(EyeStateBank bank, int minFrames, int maxFrames) {
        if (minFrames < 8 || maxFrames < minFrames) {
            throw new IllegalArgumentException("sequence lengths must satisfy 8 <= min <= max, got " + minFrames
                    + ".." + maxFrames);
        }
        this.bank = bank;
        this.minFrames = minFrames;
        this.maxFrames = maxFrames;
    }

    /** n sequences of one random length in [minFrames, maxFrames]. */
    public Batch sample(Rng rng, int n) {
        int frames = minFrames + rng.nextInt(maxFrames - minFrames + 1);
        float[] x = new float[n * frames * BlinkFeatures.SIZE];
        float[] y = new float[n * frames];
        List<List<int[]>> blinks = new ArrayList<>();
        double[][] times = new double[n][frames];
        for (int i = 0; i < n; i++) {
            blinks.add(sequence(rng, frames, x, y, i * frames, times[i]));
        }
        return new Batch(Tensor.of(x, n, frames, BlinkFeatures.SIZE), Tensor.of(y, n, frames, 1), blinks, times);
    }

    private List<int[]> sequence(Rng rng, int frames, float[] x, float[] y, int frameOffset, double[] times) {
        double fps = 8 + 22 * rng.nextDouble();
        double dropRate = rng.nextFloat() < 0.3f ? rng.uniform(0.03f, 0.15f) : 0;
        double t = 0;
        for (int k = 0; k < frames; k++) {
            while (rng.nextDouble() < dropRate) {
                t += 1 / fps;
            }
            times[k] = t;
            t += 1 / fps;
        }
        boolean still = rng.nextFloat() < STILL_SHARE;
        List<Event> events = still ? List.of() : placeEvents(rng, times[frames - 1]);
        float[] resting = new float[2];
        if (still) {
            float shut = rng.nextFloat() < 0.5f ? 1f : rng.nextFloat();
            resting[0] = shut;
            resting[1] = Math.max(0, Math.min(1, shut + rng.uniform(-0.1f, 0.1f)));
        }
        int source = rng.nextInt(bank.sources());
        float cnnGain = rng.uniform(0.4f, 1.3f);
        float cnnBias = rng.uniform(-1.5f, 0.5f);
        float earFollow = rng.nextFloat() < 0.15f ? 0f : rng.uniform(0.3f, 0.9f);
        float motion = still || rng.nextFloat() < 0.5f ? 0.05f : rng.uniform(0.2f, 1f);
        float earNoise = rng.uniform(0.01f, 0.06f);
        int[] variant = {rng.nextInt(bank.variants()), rng.nextInt(bank.variants())};
        BlinkFeatures features = new BlinkFeatures();
        boolean[] inBlink = new boolean[frames];
        for (int k = 0; k < frames; k++) {
            float[] p = new float[2];
            float[] ear = new float[2];
            boolean blinkClosed = false;
            for (int eye = 0; eye < 2; eye++) {
                float c = resting[eye];
                for (Event e : events) {
                    c = Math.max(c, e.closure(times[k], eye == 0));
                }
                c = Math.max(0, Math.min(1, c + (float) (0.03 * rng.nextGaussian())));
                if (rng.nextFloat() < motion) {
                    variant[eye] = rng.nextInt(bank.variants());
                }
                float prob = bank.probability(source, eye, level(c, rng), variant[eye]);
                float logit = (float) Math.log(Math.max(1e-4, prob) / Math.max(1e-4, 1 - prob));
                logit = cnnGain * logit + cnnBias + (float) (0.3 * rng.nextGaussian());
                p[eye] = 1f / (1f + (float) Math.exp(-logit));
                ear[eye] = bank.openEar(source, eye) * (1 - earFollow * c)
                        * (1 + (float) (earNoise * (1 + motion) * rng.nextGaussian()));
            }
            for (Event e : events) {
                if (e.kind() == Kind.BLINK && times[k] > e.start() && times[k] < e.end()
                        && e.closure(times[k], true) >= 0.5f && e.closure(times[k], false) >= 0.5f) {
                    blinkClosed = true;
                }
            }
            inBlink[k] = blinkClosed;
            y[frameOffset + k] = blinkClosed ? 1f : 0f;
            features.next(p[0], p[1], ear[0], ear[1], x, (frameOffset + k) * BlinkFeatures.SIZE);
        }
        List<int[]> spans = new ArrayList<>();
        for (int k = 0; k < frames; k++) {
            if (inBlink[k] && (k == 0 || !inBlink[k - 1])) {
                int end = k;
                while (end + 1 < frames && inBlink[end + 1]) {
                    end++;
                }
                spans.add(new int[] {k, end});
            }
        }
        return spans;
    }

    /** A bank level for closure c, between the two nearest levels at random in proportion to nearness. */
    private static int level(float c, Rng rng) {
        float[] levels = EyeStateBank.LEVELS;
        float pos = c * (levels.length - 1);
        int lo = (int) Math.floor(pos);
        if (lo >= levels.length - 1) {
            return levels.length - 1;
        }
        return rng.nextFloat() < pos - lo ? lo + 1 : lo;
    }

    private static List<Event> placeEvents(Rng rng, double duration) {
        List<Event> events = new ArrayList<>();
        int wanted = rng.nextInt(4);
        for (int attempt = 0; attempt < 20 && events.size() < wanted; attempt++) {
            Event e = randomEvent(rng, duration);
            boolean clear = true;
            for (Event o : events) {
                if (e.start() < o.end() + 0.3 && o.start() < e.end() + 0.3) {
                    clear = false;
                }
            }
            if (clear) {
                events.add(e);
            }
        }
        return events;
    }

    private static Event randomEvent(Rng rng, double duration) {
        float r = rng.nextFloat();
        Kind kind = r < 0.5f ? Kind.BLINK : r < 0.62f ? Kind.HALF_BLINK : r < 0.72f ? Kind.WINK
                : r < 0.82f ? Kind.SQUINT : r < 0.91f ? Kind.SLOW_CLOSURE : Kind.LOOK_DOWN;
        double start = rng.nextDouble() * Math.max(0.1, duration - 0.2);
        return switch (kind) {
            case BLINK -> {
                double d = rng.uniform(0.1f, 0.45f);
                float peak = rng.uniform(0.85f, 1f);
                yield new Event(kind, start, 0.4 * d, 0.2 * d, 0.4 * d, peak, Math.min(1, peak + rng.uniform(-0.1f, 0.1f)));
            }
            case HALF_BLINK -> {
                double d = rng.uniform(0.1f, 0.45f);
                float peak = rng.uniform(0.15f, 0.45f);
                yield new Event(kind, start, 0.4 * d, 0.2 * d, 0.4 * d, peak, peak);
            }
            case WINK -> {
                double d = rng.uniform(0.15f, 0.6f);
                float peak = rng.uniform(0.85f, 1f);
                float other = rng.uniform(0f, 0.25f);
                boolean left = rng.nextFloat() < 0.5f;
                yield new Event(kind, start, 0.3 * d, 0.4 * d, 0.3 * d, left ? peak : other, left ? other : peak);
            }
            case SQUINT -> new Event(kind, start, rng.uniform(0.1f, 0.5f), rng.uniform(0.5f, 3f),
                    rng.uniform(0.1f, 0.5f), rng.uniform(0.25f, 0.5f), rng.uniform(0.25f, 0.5f));
            case SLOW_CLOSURE -> {
                float peak = rng.uniform(0.9f, 1f);
                yield new Event(kind, start, rng.uniform(0.5f, 1.5f), rng.uniform(0.8f, 2.5f), rng.uniform(0.4f, 1.2f),
                        peak, peak);
            }
            case LOOK_DOWN -> {
                float peak = rng.uniform(0.4f, 0.7f);
                yield new Event(kind, start, rng.uniform(0.2f, 0.6f), rng.uniform(1f, 3f), rng.uniform(0.2f, 0.6f),
                        peak, peak);
            }
        };
    }
}
