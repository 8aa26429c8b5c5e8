package vigil.face.landmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vigil.data.image.BgrImage;

/**
 * The Java detector and landmark nets against face-api 1.7.15 under TF.js 4.22 (CPU backend) on the
 * same decoded pixels. Both sides dequantize the uint8 weights to the same float32 values and run
 * the same float32 graph; only summation order differs. Measured worst differences over these
 * cases: score 4e-7, box 6e-5 px, landmark 1.2e-4 px; the tolerances leave about 20x margin for
 * other thread counts and kernels (and sit far inside the 0.5 px / 1e-3 the issue asks for).
 */
class FaceApiGoldenTest {
    private static final float SCORE_TOLERANCE = 1e-5f;
    private static final float BOX_TOLERANCE = 2e-3f;
    private static final float POINT_TOLERANCE = 2e-3f;

    private static TinyFaceDetector detector;
    private static FaceLandmarkNet full;
    private static FaceLandmarkNet tiny;
    private static List<Map<String, Object>> cases;

    @BeforeAll
    static void load() throws IOException {
        detector = TinyFaceDetector.load(FaceApiFixtures.modelDir());
        full = FaceLandmarkNet.load(FaceApiFixtures.modelDir(), LandmarkNetKind.FULL);
        tiny = FaceLandmarkNet.load(FaceApiFixtures.modelDir(), LandmarkNetKind.TINY);
        cases = FaceApiFixtures.goldenCases();
    }

    @Test
    void javaDecodesTheSamePixelsTheReferenceSaw() throws IOException {
        for (Map<String, Object> c : cases) {
            BgrImage image = FaceApiFixtures.image((String) c.get("name"));
            assertEquals(c.get("rgbSha256"), FaceApiFixtures.rgbSha256(image), "pixels of " + c.get("name"));
        }
    }

    @Test
    void detectorFindsTheSameBoxesAndScoresAsFaceApi() throws IOException {
        double worstScore = 0;
        double worstBox = 0;
        for (Map<String, Object> c : cases) {
            String name = (String) c.get("name");
            BgrImage image = FaceApiFixtures.image(name);
            List<ScoredBox> found = detector.withInputSize(((Number) c.get("inputSize")).intValue()).detect(image);
            List<?> expected = (List<?>) c.get("detections");
            name = name + "@" + c.get("inputSize");
            assertEquals(expected.size(), found.size(), name + ": number of faces");
            for (int i = 0; i < found.size(); i++) {
                Map<?, ?> e = (Map<?, ?>) expected.get(i);
                Map<?, ?> box = (Map<?, ?>) e.get("box");
                ScoredBox b = found.get(i);
                String where = name + " face " + i;
                worstScore = Math.max(worstScore, Math.abs(FaceApiFixtures.number(e, "score") - b.score()));
                worstBox = Math.max(worstBox, Math.abs(FaceApiFixtures.number(box, "x") - b.x()));
                worstBox = Math.max(worstBox, Math.abs(FaceApiFixtures.number(box, "y") - b.y()));
                worstBox = Math.max(worstBox, Math.abs(FaceApiFixtures.number(box, "width") - b.width()));
                worstBox = Math.max(worstBox, Math.abs(FaceApiFixtures.number(box, "height") - b.height()));
                assertEquals(FaceApiFixtures.number(e, "score"), b.score(), SCORE_TOLERANCE, where + " score");
                assertEquals(FaceApiFixtures.number(box, "x"), b.x(), BOX_TOLERANCE, where + " x");
                assertEquals(FaceApiFixtures.number(box, "y"), b.y(), BOX_TOLERANCE, where + " y");
                assertEquals(FaceApiFixtures.number(box, "width"), b.width(), BOX_TOLERANCE, where + " width");
                assertEquals(FaceApiFixtures.number(box, "height"), b.height(), BOX_TOLERANCE, where + " height");
            }
        }
        System.out.printf("face-api detector: worst score difference %.2e, worst box difference %.5f px%n",
                worstScore, worstBox);
    }

    @Test
    void fullLandmarkNetPlacesThePointsFaceApiPlaces() throws IOException {
        comparePoints(full, "full");
    }

    @Test
    void tinyLandmarkNetPlacesThePointsFaceApiPlaces() throws IOException {
        comparePoints(tiny, "tiny");
    }

    @Test
    void landmarkerPipelineGivesFaceApisDetectionsWithLandmarks() throws IOException {
        FaceLandmarker landmarker = new FaceLandmarker(detector, full);
        for (Map<String, Object> c : cases) {
            String name = c.get("name") + "@" + c.get("inputSize");
            BgrImage image = FaceApiFixtures.image((String) c.get("name"));
            List<FaceLandmarks> faces = landmarker
                    .withDetector(detector.withInputSize(((Number) c.get("inputSize")).intValue())).detect(image);
            List<?> expected = (List<?>) c.get("detections");
            assertEquals(expected.size(), faces.size(), name + ": number of faces");
            for (int i = 0; i < faces.size(); i++) {
                Map<?, ?> e = (Map<?, ?>) expected.get(i);
                assertEquals(FaceApiFixtures.number(e, "score"), faces.get(i).score(), SCORE_TOLERANCE, name + " score");
                float[] want = FaceApiFixtures.floats(((Map<?, ?>) e.get("landmarks")).get("full"));
                for (int k = 0; k < want.length; k++) {
                    assertEquals(want[k], faces.get(i).points()[k], POINT_TOLERANCE, name + " face " + i + " coordinate " + k);
                }
            }
        }
    }

    // Fed face-api's own boxes, so a detector difference cannot hide or cause a landmark difference.
    private static void comparePoints(FaceLandmarkNet net, String key) throws IOException {
        double worst = 0;
        for (Map<String, Object> c : cases) {
            String name = (String) c.get("name");
            BgrImage image = FaceApiFixtures.image(name);
            List<?> expected = (List<?>) c.get("detections");
            for (int i = 0; i < expected.size(); i++) {
                Map<?, ?> e = (Map<?, ?>) expected.get(i);
                Map<?, ?> box = (Map<?, ?>) e.get("box");
                ScoredBox b = new ScoredBox(FaceApiFixtures.number(box, "x"), FaceApiFixtures.number(box, "y"),
                        FaceApiFixtures.number(box, "width"), FaceApiFixtures.number(box, "height"),
                        FaceApiFixtures.number(e, "score"));
                float[] want = FaceApiFixtures.floats(((Map<?, ?>) e.get("landmarks")).get(key));
                float[] got = net.predict(image, b);
                for (int k = 0; k < want.length; k++) {
                    worst = Math.max(worst, Math.abs(want[k] - got[k]));
                    assertEquals(want[k], got[k], POINT_TOLERANCE, name + " face " + i + " " + key + " coordinate " + k);
                }
            }
        }
        System.out.printf("face-api %s landmarks: worst coordinate difference %.5f px%n", key, worst);
    }
}
