package vigil.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ONNX Runtime runner's agreement check, key selection and JSON; nothing here loads ONNX Runtime's
 * native library or needs the exported model.
 */
class OrtBenchTest {

    @Test
    void checkFilesSitBesideTheModel() {
        Path model = Path.of("/x/target/onnx/minifasnet_v2.onnx");
        assertEquals(Path.of("/x/target/onnx/minifasnet_v2.check-input.f32"), OrtAgreementCheck.inputFile(model));
        assertEquals(Path.of("/x/target/onnx/minifasnet_v2.check-output.f32"), OrtAgreementCheck.outputFile(model));
    }

    @Test
    void readsRawLittleEndianFloat32AsNumpyTofileWritesIt(@TempDir Path dir) throws IOException {
        float[] values = {1.5f, -0.25f, Float.MIN_NORMAL, 3e7f};
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        Path f = dir.resolve("v.f32");
        Files.write(f, b.array());
        // 1.5f little-endian is 00 00 C0 3F: the byte order is the file's contract, not the host's.
        assertEquals(0x3F, Files.readAllBytes(f)[3] & 0xFF);
        assertArrayEquals(values, OrtAgreementCheck.readLittleEndianFloats(f));
    }

    @Test
    void fileOfAPartialFloatIsRejectedNamingIt(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("broken.f32");
        Files.write(f, new byte[] {1, 2, 3, 4, 5});
        IOException e = assertThrows(IOException.class, () -> OrtAgreementCheck.readLittleEndianFloats(f));
        assertTrue(e.getMessage().contains("broken.f32"), e.getMessage());
    }

    @Test
    void logitsWithinToleranceAgreeAndTheLargestDifferenceIsReturned() {
        float[] expected = {0.5f, -1.0f, 0.25f};
        float[] actual = {0.5f + 5e-5f, -1.0f, 0.25f - 2e-5f};
        // Independent: the largest of the three differences, computed in double from the same floats.
        double want = Math.abs((double) actual[0] - expected[0]);
        assertEquals(want, OrtAgreementCheck.requireAgreement(actual, expected, Path.of("m.onnx")), 0);
    }

    @Test
    void logitsBeyondToleranceAreRefusedNamingTheModel() {
        float[] expected = {0.5f, -1.0f, 0.25f};
        float[] actual = {0.5f, -1.0f + 3e-4f, 0.25f};
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OrtAgreementCheck.requireAgreement(actual, expected, Path.of("m.onnx")));
        assertTrue(e.getMessage().contains("m.onnx") && e.getMessage().contains("refusing"), e.getMessage());
    }

    @Test
    void nanLogitsAreRefused() {
        float[] expected = {0.5f, -1.0f};
        float[] actual = {Float.NaN, -1.0f};
        assertThrows(IllegalStateException.class,
                () -> OrtAgreementCheck.requireAgreement(actual, expected, Path.of("m.onnx")));
    }

    @Test
    void referenceTooCloseToZeroToDiscriminateIsRefused() {
        // Default-initialised MiniFASNetV2 gives logits near 1e-5: zeros would pass an absolute 1e-4 check.
        float[] expected = {1.6e-5f, -1e-5f};
        float[] zeros = {0f, 0f};
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OrtAgreementCheck.requireAgreement(zeros, expected, Path.of("m.onnx")));
        assertTrue(e.getMessage().contains("re-export"), e.getMessage());
    }

    @Test
    void onlyListSelectsByVigilOrOrtKeyAndIgnoresOtherEnginesWorkloads() {
        assertEquals(List.of(1, 64), OrtBenchMain.selectedBatches(List.of()));
        assertEquals(List.of(64),
                OrtBenchMain.selectedBatches(List.of("gru_train_step_ms", "minifasnet_v2_infer_b64_ms")));
        assertEquals(List.of(1), OrtBenchMain.selectedBatches(List.of("ort_minifasnet_v2_infer_b1_ms")));
        assertEquals(List.of(), OrtBenchMain.selectedBatches(List.of("sgemm_1024_gflops")));
    }

    @Test
    void ortKeysAreVigilsKeysWithThePrefixCompareStrips() {
        for (int batch : OrtBenchMain.BATCHES) {
            assertTrue(Workloads.all().containsKey(OrtBenchMain.vigilKey(batch)), OrtBenchMain.vigilKey(batch));
            assertEquals("ort_" + OrtBenchMain.vigilKey(batch), OrtBenchMain.ortKey(batch));
        }
    }

    @Test
    void jsonHasEngineSettingsThenMediansInOrderThenPeakRss() {
        Map<String, Double> medians = new LinkedHashMap<>();
        medians.put("ort_minifasnet_v2_infer_b1_ms", 3.14159);
        medians.put("ort_minifasnet_v2_infer_b64_ms", 126.0);
        assertEquals("{\"engine\":\"onnxruntime 1.29.0\",\"threads\":2,\"warmup\":5,\"iterations\":15,"
                + "\"ort_minifasnet_v2_infer_b1_ms\":3.142,\"ort_minifasnet_v2_infer_b64_ms\":126.000,"
                + "\"peak_rss_mb\":3.0}", OrtBenchMain.toJson("onnxruntime 1.29.0", 2, 5, 15, medians, 3072));
    }
}
