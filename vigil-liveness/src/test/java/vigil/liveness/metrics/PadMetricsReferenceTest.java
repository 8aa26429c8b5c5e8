package vigil.liveness.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import vigil.tensor.io.Json;

/**
 * Agreement with tools/metrics/reference_metrics.py, an independent brute-force implementation (every
 * threshold tried, every live/attack pair compared), on the fixtures it generated under
 * src/test/resources/metrics (regenerate: /usr/bin/python3 tools/metrics/reference_metrics.py generate
 * vigil-liveness/src/test/resources/metrics; needs numpy and Debian python3-sklearn). Tolerance: none.
 * Every rate is a ratio of counts, divided and averaged in IEEE double the same way on both sides, so the
 * doubles must be identical (JSON null = NaN).
 */
class PadMetricsReferenceTest {

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(PadMetricsReferenceTest.class.getResource("/metrics/" + name).toURI());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> expected(String name) throws Exception {
        return Json.parseObject(Files.readString(fixture(name + ".expected.json")));
    }

    static double number(Object v) {
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    @SuppressWarnings("unchecked")
    static void assertSameMetrics(Map<String, Object> want, PadMetrics got, String where) {
        Map<String, Object> json = got.toJson();
        assertEquals(want.keySet().stream().filter(k -> !k.equals("eer_threshold")).toList(),
                List.copyOf(json.keySet()), where + ": keys");
        for (String key : List.of("apcer", "bpcer", "acer", "eer", "auc")) {
            assertEquals(number(want.get(key)), (double) json.get(key), 0.0, where + ": " + key);
        }
        Map<String, Object> wantTypes = (Map<String, Object>) want.get("apcer_per_type");
        assertEquals(List.copyOf(wantTypes.keySet()), List.copyOf(got.apcerPerType().keySet()), where + ": types");
        wantTypes.forEach((type, rate) ->
                assertEquals(number(rate), got.apcerPerType().get(type), 0.0, where + ": apcer " + type));
        Map<String, Object> wantAt = (Map<String, Object>) want.get("bpcer_at_apcer");
        assertEquals(number(wantAt.get("0.01")), got.bpcerAtApcer1Percent(), 0.0, where + ": bpcer@apcer 0.01");
        assertEquals(number(wantAt.get("0.05")), got.bpcerAtApcer5Percent(), 0.0, where + ": bpcer@apcer 0.05");
        // The reference writes +infinity as null too; the EER threshold is +infinity only in degenerate sets.
        double wantEerT = number(want.get("eer_threshold"));
        double gotEerT = Double.isInfinite(got.eerThreshold()) ? Double.NaN : got.eerThreshold();
        assertEquals(wantEerT, gotEerT, 0.0, where + ": eer threshold");
    }

    @ParameterizedTest
    @ValueSource(strings = {"random", "heavy_ties", "discrete", "empty_attack_type", "all_live", "all_attack",
        "single_live", "single_attack", "separable", "dev", "test"})
    @SuppressWarnings("unchecked")
    void metricsEqualTheBruteForceReferenceAtEveryThreshold(String name) throws Exception {
        List<ScoredSample> samples = ScoreCsv.read(fixture(name + ".csv"));
        Map<String, Object> byThreshold = expected(name);
        assertEquals(3, byThreshold.size(), name + ": thresholds in the expected file");
        byThreshold.forEach((t, want) -> assertSameMetrics((Map<String, Object>) want,
                PadMetrics.of(samples, Double.parseDouble(t)), name + " at " + t));
    }

    @Test
    void hterAtTheDevEerThresholdEqualsTheReference() throws Exception {
        Map<String, Object> want = expected("hter");
        Hter got = Hter.of(ScoreCsv.read(fixture("dev.csv")), ScoreCsv.read(fixture("test.csv")));
        assertEquals(number(want.get("threshold")), got.threshold(), 0.0, "dev EER threshold");
        assertEquals(number(want.get("apcer")), got.apcer(), 0.0, "test pooled APCER");
        assertEquals(number(want.get("bpcer")), got.bpcer(), 0.0, "test BPCER");
        assertEquals(number(want.get("hter")), got.hter(), 0.0, "HTER");
    }
}
