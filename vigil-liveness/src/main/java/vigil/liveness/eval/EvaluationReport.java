package vigil.liveness.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vigil.liveness.metrics.Hter;
import vigil.liveness.metrics.PadMetrics;
import vigil.liveness.metrics.ScoreCsv;
import vigil.liveness.metrics.ScoredSample;
import vigil.tensor.io.Json;

/**
 * An evaluation of one model on one split: the ISO/IEC 30107-3 metrics ({@link PadMetrics}) at the
 * threshold chosen on the development split (its EER threshold, as {@link Hter} chooses it), the same at
 * the default 0.5, the HTER there, and the dev split's own metrics. Without a dev split the operating
 * threshold is 0.5 and there is no HTER.
 *
 * <p>{@link #write} puts report.json, the scores as CSV ({@link ScoreCsv}'s format, so `vigil metrics`
 * recomputes the same numbers), roc.png, det.png and histograms.png ({@link PadPlots}) into a folder.
 */
public record EvaluationReport(String model, String data, String split, List<ScoredSample> scores,
                               String devSplit, List<ScoredSample> devScores, double threshold, PadMetrics metrics,
                               PadMetrics atDefault, Hter hter, PadMetrics dev) {
    public static final String REPORT = "report.json";

    public static EvaluationReport of(String model, String data, String split, List<ScoredSample> scores,
                                      String devSplit, List<ScoredSample> devScores) {
        PadMetrics dev = devScores == null ? null : PadMetrics.of(devScores, PadMetrics.DEFAULT_THRESHOLD);
        Hter hter = devScores == null ? null : Hter.of(devScores, scores);
        double threshold = hter == null || Double.isNaN(hter.threshold()) ? PadMetrics.DEFAULT_THRESHOLD : hter.threshold();
        return new EvaluationReport(model, data, split, List.copyOf(scores), devSplit,
                devScores == null ? null : List.copyOf(devScores), threshold, PadMetrics.of(scores, threshold),
                PadMetrics.of(scores, PadMetrics.DEFAULT_THRESHOLD), hter, dev);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("data", data);
        m.put("split", split);
        m.put("live_samples", metrics.lives());
        m.put("attack_samples", metrics.attacks());
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("value", threshold);
        t.put("chosen_on", devSplit == null ? null : devSplit);
        t.put("rule", devSplit == null ? "default 0.5 (no dev split)" : "EER threshold of the dev split");
        m.put("threshold", t);
        m.put("metrics", withThreshold(metrics));
        m.put("metrics_at_0.5", withThreshold(atDefault));
        if (hter != null) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("threshold", hter.threshold());
            h.put("apcer_pooled", hter.apcer());
            h.put("bpcer", hter.bpcer());
            h.put("hter", hter.hter());
            m.put("hter", h);
        }
        if (dev != null) {
            Map<String, Object> d = withThreshold(dev);
            d.put("eer_threshold", dev.eerThreshold());
            d.put("live_samples", dev.lives());
            d.put("attack_samples", dev.attacks());
            m.put("dev", d);
        }
        Map<String, Object> plots = new LinkedHashMap<>();
        plots.put("files", List.of("roc.png", "det.png", "histograms.png"));
        plots.put("colours", PadPlots.legend(scores));
        m.put("plots", plots);
        return m;
    }

    private static Map<String, Object> withThreshold(PadMetrics p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("threshold", p.threshold());
        m.putAll(p.toJson());
        m.put("eer_threshold", p.eerThreshold());
        return m;
    }

    /** Writes the report, score CSVs and plots into dir (created if needed). */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(REPORT), Json.write(toJson()) + "\n", StandardCharsets.UTF_8);
        writeScores(dir.resolve("scores-" + split + ".csv"), scores);
        if (devScores != null) {
            writeScores(dir.resolve("scores-" + devSplit + ".csv"), devScores);
        }
        PadPlots.roc(scores, dir.resolve("roc.png"));
        PadPlots.det(scores, dir.resolve("det.png"));
        PadPlots.histograms(scores, dir.resolve("histograms.png"));
    }

    /** score,label,attack_type with scores written exactly (Double.toString round-trips). */
    static void writeScores(Path file, List<ScoredSample> samples) throws IOException {
        StringBuilder b = new StringBuilder(ScoreCsv.HEADER).append('\n');
        for (ScoredSample s : samples) {
            b.append(s.score()).append(',').append(s.live() ? 1 : 0).append(',').append(s.live() ? "" : s.attackType())
                    .append('\n');
        }
        Files.writeString(file, b, StandardCharsets.UTF_8);
    }
}
