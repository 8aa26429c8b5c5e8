package vigil.bench;

import java.util.Locale;
import java.util.Map;

/**
 * What `vigil bench` measured: each workload's median after warm-up, the thread count, whether the Vector
 * API kernels ran (and their width), and the process's peak resident set size.
 */
public record BenchReport(int threads, boolean vector, int vectorLanes, int warmup, int iterations,
                          Map<String, Double> medians, long peakRssKib) {

    /** One JSON object on one line: the settings, then every median, then peak_rss_mb. */
    public String toJson() {
        StringBuilder s = new StringBuilder("{");
        s.append("\"threads\":").append(threads);
        s.append(",\"vector\":").append(vector);
        s.append(",\"vector_lanes\":").append(vectorLanes);
        appendMeasurements(s, warmup, iterations, medians, peakRssKib);
        return s.append('}').toString();
    }

    /** The fields every engine's JSON line shares (warm-up, iterations, each median, peak_rss_mb). */
    static void appendMeasurements(StringBuilder s, int warmup, int iterations, Map<String, Double> medians,
                                   long peakRssKib) {
        s.append(",\"warmup\":").append(warmup);
        s.append(",\"iterations\":").append(iterations);
        for (Map.Entry<String, Double> e : medians.entrySet()) {
            s.append(",\"").append(e.getKey()).append("\":").append(String.format(Locale.ROOT, "%.3f", e.getValue()));
        }
        s.append(",\"peak_rss_mb\":").append(String.format(Locale.ROOT, "%.1f", peakRssKib / 1024.0));
    }
}
