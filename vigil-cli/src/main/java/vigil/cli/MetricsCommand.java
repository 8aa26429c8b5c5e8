package vigil.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vigil.liveness.metrics.Hter;
import vigil.liveness.metrics.PadMetrics;
import vigil.liveness.metrics.ScoreCsv;
import vigil.liveness.metrics.ScoredSample;
import vigil.tensor.io.Json;

/** ISO/IEC 30107-3 metrics of a score file (see vigil.liveness.metrics.PadMetrics for the definitions). */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Presentation attack detection metrics (ISO/IEC 30107-3) of a CSV of scores with the header",
                "score,label,attack_type (label 1 = live, 0 = attack; attack_type empty for live; a higher score",
                "means more live; accepted as live when score >= threshold). Rates are fractions in [0,1] in JSON;",
                "a rate that is undefined (no live samples, no attacks) is null."})
final class MetricsCommand implements Callable<Integer> {

    @Option(names = "--scores", required = true, paramLabel = "FILE", description = "the score CSV")
    Path scores;

    @Option(names = "--json", description = "{\"apcer\",\"apcer_per_type\":{type:..},\"bpcer\",\"acer\",\"eer\",\"auc\","
            + "\"bpcer_at_apcer\":{\"0.01\",\"0.05\"}} (and \"hter\" with --dev)")
    boolean json;

    @Option(names = "--threshold", defaultValue = "0.5", paramLabel = "T",
            description = "operating threshold for APCER, BPCER and ACER (default ${DEFAULT-VALUE})")
    double threshold;

    @Option(names = "--attack-types", split = ",", paramLabel = "TYPE",
            description = "attack types to report even without samples (their APCER is null)")
    List<String> attackTypes = List.of();

    @Option(names = "--dev", paramLabel = "FILE",
            description = "development score CSV: adds the HTER of --scores at the dev set's EER threshold")
    Path dev;

    @Override
    public Integer call() throws Exception {
        if (Double.isNaN(threshold)) {
            throw new IllegalArgumentException("--threshold is NaN");
        }
        List<ScoredSample> samples = ScoreCsv.read(scores);
        PadMetrics m = PadMetrics.of(samples, threshold, attackTypes);
        Hter hter = dev == null ? null : Hter.of(ScoreCsv.read(dev), samples);
        if (json) {
            Map<String, Object> doc = m.toJson();
            if (hter != null) {
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("threshold", hter.threshold());
                h.put("apcer", hter.apcer());
                h.put("bpcer", hter.bpcer());
                h.put("hter", hter.hter());
                doc.put("hter", h);
            }
            System.out.println(Json.write(doc));
        } else {
            m.text().forEach(System.out::println);
            if (hter != null) {
                System.out.printf("HTER   %s  at the dev EER threshold %s (APCER pooled %s, BPCER %s)%n",
                        percent(hter.hter()), hter.threshold(), percent(hter.apcer()), percent(hter.bpcer()));
            }
        }
        return 0;
    }

    private static String percent(double rate) {
        return Double.isNaN(rate) ? "n/a" : String.format("%.4f%%", 100 * rate);
    }
}
