package vigil.liveness.passive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.data.image.ImageDecoder;
import vigil.face.detect.FaceBox;
import vigil.tensor.io.Json;

/**
 * The whole pipeline against the reference Python pipeline's numbers on 29 real photos
 * (src/test/resources/reference/silent-face-photos.json, produced as its README says): faces at or
 * above 0.6 are reported, the best box within 2 px, the label equal and the score within 0.01, as
 * issue 4 asks; photos whose best detection is below 0.6 report no face (the reference would have
 * judged a meaningless [0, 0, 1, 1] box there).
 */
class PassiveLivenessReferenceTest {
    private static PassiveLiveness pipeline;

    @BeforeAll
    static void load() throws IOException {
        pipeline = PassiveLiveness.load(shared().resolve("models/silent-face"), 0.6f);
    }

    static Path shared() {
        return Path.of(System.getProperty("vigil.shared", "../../shared"));
    }

    static Path dataCache() {
        return Path.of(System.getProperty("vigil.data.cache", "../.cache/data"));
    }

    @SuppressWarnings("unchecked")
    static Stream<Map<String, Object>> photos() throws IOException {
        try (InputStream in = PassiveLivenessReferenceTest.class.getResourceAsStream(
                "/reference/silent-face-photos.json")) {
            Map<String, Object> doc = Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return ((List<Map<String, Object>>) doc.get("images")).stream();
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("photos")
    @SuppressWarnings("unchecked")
    void matchesTheReferencePipeline(Map<String, Object> ref) throws IOException {
        Path root = "shared".equals(ref.get("root")) ? shared() : dataCache();
        Path file = root.resolve((String) ref.get("path"));
        List<FaceVerdict> faces = pipeline.check(ImageDecoder.readBgr(file));
        List<Object> expectedFaces = (List<Object>) ref.get("faces_at_or_above_0_6");
        assertEquals(expectedFaces.size(), faces.size(), file + ": faces at or above 0.6");
        if (faces.isEmpty()) {
            return;
        }
        FaceBox box = faces.get(0).box();
        List<Object> b = (List<Object>) ref.get("bbox_xywh");
        int[] expected = {num(b.get(0)), num(b.get(1)), num(b.get(2)), num(b.get(3))};
        int[] actual = {box.x(), box.y(), box.width(), box.height()};
        for (int i = 0; i < 4; i++) {
            assertTrue(Math.abs(expected[i] - actual[i]) <= 2, file + ": box " + java.util.Arrays.toString(actual)
                    + " vs reference " + java.util.Arrays.toString(expected));
        }
        assertEquals(num(ref.get("label")), faces.get(0).label(), file + ": label");
        assertEquals(((Number) ref.get("score")).doubleValue(), faces.get(0).score(), 0.01, file + ": score");
    }

    private static int num(Object o) {
        return ((Number) o).intValue();
    }
}
