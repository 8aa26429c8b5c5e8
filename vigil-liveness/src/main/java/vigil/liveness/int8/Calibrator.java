package vigil.liveness.int8;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Post-training calibration: runs the float graph over calibration inputs and records, per activation
 * point, the exact min / max and a uniform reservoir sample of the values, from which a two-sided
 * percentile range is read (e.g. 99.99: the 0.01% and 99.99% quantiles; outliers beyond are clipped).
 */
public final class Calibrator {
    /** How a range is read from the observations. */
    public sealed interface Method {
        String describe();
    }

    public record MinMax() implements Method {
        public String describe() {
            return "minmax";
        }
    }

    /** percentile in (50, 100]: the range [q(100 - p), q(p)]. */
    public record Percentile(double percentile) implements Method {
        public Percentile {
            if (!(percentile > 50 && percentile <= 100)) {
                throw new IllegalArgumentException("calibration percentile " + percentile + " outside (50, 100]");
            }
        }

        public String describe() {
            return "percentile:" + percentile;
        }
    }

    private static final int SAMPLE = 1 << 17;

    private final FloatGraph graph;
    private final Map<String, PointStats> stats = new HashMap<>();
    private final SplittableRandom random = new SplittableRandom(0x5eedL);
    private int inputs;

    public Calibrator(FloatGraph graph) {
        this.graph = graph;
    }

    /** Runs one batch x: [n, 3, H, W] BGR 0..255 through the float graph, recording every point. */
    public void observe(float[] x, int n) {
        graph.forward(x, n, (point, values) -> stats.computeIfAbsent(point, p -> new PointStats()).add(values, random));
        inputs += n;
    }

    public int inputs() {
        return inputs;
    }

    public ActivationRanges ranges(Method method) {
        if (inputs == 0) {
            throw new IllegalStateException("calibration saw no inputs");
        }
        Map<String, float[]> out = new HashMap<>();
        for (Map.Entry<String, PointStats> e : stats.entrySet()) {
            out.put(e.getKey(), e.getValue().range(method));
        }
        return new ActivationRanges(method.describe(), out);
    }

    /** Exact extremes and a reservoir sample (Vitter's algorithm R) of one point's values. */
    private static final class PointStats {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        final float[] sample = new float[SAMPLE];
        long seen;

        void add(float[] values, SplittableRandom random) {
            for (float v : values) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                if (seen < SAMPLE) {
                    sample[(int) seen] = v;
                } else {
                    long j = random.nextLong(seen + 1);
                    if (j < SAMPLE) {
                        sample[(int) j] = v;
                    }
                }
                seen++;
            }
        }

        float[] range(Method method) {
            return switch (method) {
                case MinMax m -> new float[] {min, max};
                case Percentile p -> {
                    int len = (int) Math.min(seen, SAMPLE);
                    float[] sorted = Arrays.copyOf(sample, len);
                    Arrays.sort(sorted);
                    double q = p.percentile() / 100.0;
                    yield new float[] {sorted[(int) Math.floor((1 - q) * (len - 1))],
                            sorted[(int) Math.ceil(q * (len - 1))]};
                }
            };
        }
    }

    /** The points of a graph that need a calibrated range (all but the fixed ones). */
    public static List<String> calibratedPoints(FloatGraph graph) {
        return graph.nodes().stream()
                .filter(n -> !(n instanceof GraphNode.GlobalPool) && !(n instanceof GraphNode.Sigmoid))
                .map(GraphNode::name).toList();
    }
}
