package vigil.tensor.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * TensorFlow-style fake quantization (FakeQuantMinMax) against PyTorch 1.13's fake_quantize ops at the
 * nudged scale and zero point, forward and backward: the committed cases of
 * tools/goldens/make_qat_goldens.py (tolerance in each case: 1e-5, a few float32 ulps of |y| <= 12).
 */
class QatGoldensTest {

    @Test
    void everyQatCasePassesForwardAndBackward() throws Exception {
        URL url = QatGoldensTest.class.getResource("/goldens/qat");
        Path dir = url != null ? Path.of(url.toURI()) : Path.of("src/test/resources/goldens/qat");
        assertTrue(Files.isDirectory(dir), "qat goldens missing at " + dir.toAbsolutePath());
        List<CaseResult> results = GoldenRunner.standard().runDirectories(List.of(dir));
        String report = results.stream().filter(r -> !r.passed())
                .map(r -> r.name() + " (" + r.op() + "): " + String.join("; ", r.failures()))
                .collect(Collectors.joining("\n"));
        assertEquals("", report);
        assertEquals(9, results.size(), "the generator writes 9 cases");
    }
}
