package vigil.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.tensor.Tensor;
import vigil.tensor.io.Json;
import vigil.tensor.io.SafeTensors;

/** `vigil quantize` (calibration and --qat ranges) and `vigil check --int8` on its output. */
class QuantizeCommandTest {
    private static final String V2 = "2.7_80x80_MiniFASNetV2.pth";

    @TempDir
    Path tmp;

    private static Path shared() {
        return Path.of(System.getProperty("vigil.shared", "../../shared"));
    }

    private static Path photos() {
        return Path.of(System.getProperty("vigil.data.cache", "../.cache/data")).resolve("photos");
    }

    private static Path model() {
        return shared().resolve("models/silent-face").resolve(V2);
    }

    @Test
    void qatRangesGiveTheSameModelAsTheCalibrationThatWroteThem() throws Exception {
        Path calibrated = tmp.resolve("cal.int8.safetensors");
        Path ranges = tmp.resolve("ranges.json");
        CommandRun c = CommandRun.of(new QuantizeCommand(), "--model", model().toString(), "--calibrate",
                photos().toString(), "--out", calibrated.toString(), "--ranges-out", ranges.toString(),
                "--models", shared().resolve("models/silent-face").toString());
        assertEquals(0, c.exit(), c.err());
        assertTrue(c.out().contains("calibration on"), c.out());
        Path fromQat = tmp.resolve("qat.int8.safetensors");
        CommandRun q = CommandRun.of(new QuantizeCommand(), "--model", model().toString(), "--qat", ranges.toString(),
                "--out", fromQat.toString());
        assertEquals(0, q.exit(), q.err());
        Map<String, Tensor> a = SafeTensors.read(calibrated).tensors();
        Map<String, Tensor> b = SafeTensors.read(fromQat).tensors();
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            if (a.get(k).dtype() == vigil.tensor.DType.INT8) {
                assertArrayEquals(a.get(k).bytes(), b.get(k).bytes(), k);
            } else if (a.get(k).dtype() == vigil.tensor.DType.INT32) {
                assertArrayEquals(a.get(k).ints(), b.get(k).ints(), k);
            } else {
                assertArrayEquals(a.get(k).data(), b.get(k).data(), k);
            }
        }
        assertTrue(Files.size(calibrated) * 3 < Files.size(model()), "int8 file is over 3x smaller");

        CommandRun check = CommandRun.of(new CheckCommand(), "--models", shared().resolve("models/silent-face").toString(),
                "--int8", "--int8-models", tmp.toString(), "--json",
                shared().resolve("images/silent-face/image_T1.jpg").toString());
        assertEquals(0, check.exit(), check.err());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> images = (List<Map<String, Object>>) Json.parseObject(check.out().trim()).get("images");
        @SuppressWarnings("unchecked")
        Map<String, Object> face = ((List<Map<String, Object>>) images.get(0).get("faces")).get(0);
        assertEquals(Boolean.TRUE, face.get("live"), "the live sample stays live with the two int8 copies of V2");
    }

    @Test
    void qatRangesMissingAPointAreRefusedByName() throws Exception {
        Path ranges = tmp.resolve("partial.json");
        Files.writeString(ranges, "{\"format\": \"vigil-activation-ranges/1\", \"method\": \"qat-ema\","
                + " \"ranges\": {\"conv1\": [-1.0, 2.0]}}");
        CommandRun q = CommandRun.of(new QuantizeCommand(), "--model", model().toString(), "--qat", ranges.toString(),
                "--out", tmp.resolve("x.int8.safetensors").toString());
        assertNotEquals(0, q.exit());
        assertTrue(q.err().contains("lack the point 'conv2_dw'"), q.err());
    }
}
