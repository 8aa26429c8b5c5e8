package vigil.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The report's JSON and the bench's argument checks; nothing here times a workload. */
class BenchReportTest {

    @Test
    void jsonHasSettingsThenMediansInOrderThenPeakRss() {
        Map<String, Double> medians = new LinkedHashMap<>();
        medians.put("sgemm_1024_gflops", 123.4567);
        medians.put("gru_infer_b1_seq30_ms", 0.5);
        BenchReport r = new BenchReport(2, true, 16, 5, 15, medians, 2048);
        assertEquals("{\"threads\":2,\"vector\":true,\"vector_lanes\":16,\"warmup\":5,\"iterations\":15,"
                + "\"sgemm_1024_gflops\":123.457,\"gru_infer_b1_seq30_ms\":0.500,\"peak_rss_mb\":2.0}", r.toJson());
    }

    @Test
    void workloadKeysAreTheSixOfIssue3AndTheAugmentationOfIssue6() {
        assertEquals(Set.of("sgemm_1024_gflops", "minifasnet_v2_infer_b1_ms", "minifasnet_v2_infer_b64_ms",
                "minifasnet_v2_train_step_b64_ms", "gru_train_step_ms", "gru_infer_b1_seq30_ms",
                "augment_default_samples_per_s"), Workloads.all().keySet());
    }

    @Test
    void augmentWorkloadReportsSamplesPerSecondOfCpuTime() {
        Workload w = Workloads.all().get("augment_default_samples_per_s").get();
        w.step().run();
        assertTrue(w.threadCpuTime());
        // One step is 256 samples: a 500 ms step is 512 samples per second.
        assertEquals(512.0, w.fromMedianMillis().applyAsDouble(500), 1e-9);
    }

    @Test
    void unknownWorkloadIsRejectedBeforeAnythingRuns() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchMain.run(1, 0, 1, List.of("sgemm_2048"), System.err));
        assertTrue(e.getMessage().contains("sgemm_2048"), e.getMessage());
    }
}
