package vigil.io.caffe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vigil.tensor.Tensor;
import vigil.tensor.io.Json;
import vigil.tensor.io.SafeTensors;
import vigil.tensor.io.SafeTensorsFile;

/**
 * The Silent-Face RetinaFace detector (shared/models/silent-face: deploy.prototxt + caffemodel) run
 * by CaffeNet against OpenCV 4.6 DNN on the three sample images. The fixtures
 * (tools/caffe/make_silent_face_detector_fixtures.py) hold OpenCV's exact input blob, its kept
 * detection rows, the priors, the head outputs and checksums of a few inner blobs.
 *
 * <p>Tolerance: 1e-4 absolute on confidences and normalised box corners. Both implementations work
 * in float32 but round differently (OpenCV folds BatchNorm and Scale into the convolution weights and
 * uses its own convolution kernels; Vigil runs each layer as written), so after ~60 layers the raw
 * head outputs differ by ~1e-6 relative; box corners are 0.1 or 0.2 times a regression plus a prior,
 * and confidences are softmax outputs, so they move by ~1e-6. 1e-4 leaves a wide margin yet is far
 * below what matters: 1e-4 of a 640-pixel side is 0.06 pixel.
 */
class SilentFaceDetectorTest {
    private static final double BOX_TOLERANCE = 1e-4;
    private static final Map<String, SafeTensorsFile> FIXTURES = new HashMap<>();
    private static final Map<String, Map<String, Tensor>> BLOBS = new HashMap<>();

    @BeforeAll
    static void runDetectorOnSamples() throws IOException {
        CaffeNet net = CaffeNet.load(CaffeFixtures.detectorPrototxt(), CaffeFixtures.detectorWeights());
        for (String image : List.of("F1", "F2", "T1")) {
            SafeTensorsFile f = SafeTensors.read(CaffeFixtures.resource("detector_" + image + ".safetensors"));
            FIXTURES.put(image, f);
            BLOBS.put(image, net.forward(f.tensors().get("input")));
        }
    }

    private static Tensor expected(String image, String name) {
        return FIXTURES.get(image).tensors().get(name);
    }

    private static Tensor actual(String image, String blob) {
        return BLOBS.get(image).get(blob);
    }

    @ParameterizedTest
    @ValueSource(strings = {"F1", "F2", "T1"})
    void detectionRowsMatchOpenCv(String image) {
        Tensor want = expected(image, "detection_out");
        List<Detection> got = Detection.fromOutput(actual(image, "detection_out"));
        assertEquals(want.dim(0), got.size(), "number of kept detections");
        float[] w = want.data();
        for (int r = 0; r < got.size(); r++) {
            Detection d = got.get(r);
            assertEquals((int) w[7 * r], d.image(), "row " + r + " image");
            assertEquals((int) w[7 * r + 1], d.label(), "row " + r + " label");
            float[] row = {d.confidence(), d.xmin(), d.ymin(), d.xmax(), d.ymax()};
            float[] ref = {w[7 * r + 2], w[7 * r + 3], w[7 * r + 4], w[7 * r + 5], w[7 * r + 6]};
            Close.assertClose(ref, row, BOX_TOLERANCE, 0, image + " row " + r);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"F1", "F2", "T1"})
    void detectionBlobIsPaddedToKeepTopKAsOpenCvDoes(String image) {
        assertArrayEquals(new int[] {1, 1, 200, 7}, actual(image, "detection_out").shape());
    }

    /**
     * reference.json's bbox is [int(x1 W), int(y1 H), int(x2 W - x1 W + 1), int(y2 H - y1 H + 1)], computed
     * in double: NumPy 1.24 promotes a float32 element times a Python int to float64.
     */
    @ParameterizedTest
    @ValueSource(strings = {"F1", "F2", "T1"})
    void topRowGivesTheReferencePipelinesBox(String image) throws IOException {
        Map<String, Object> reference = Json.parseObject(Files.readString(
                CaffeFixtures.shared().resolve("goldens/silent-face/reference.json")));
        @SuppressWarnings("unchecked")
        Map<String, Object> entry = (Map<String, Object>) reference.get("image_" + image + ".jpg");
        Map<String, String> meta = FIXTURES.get(image).metadata();
        int width = Integer.parseInt(meta.get("image_width"));
        int height = Integer.parseInt(meta.get("image_height"));
        Detection top = Detection.fromOutput(actual(image, "detection_out")).get(0);
        double left = (double) top.xmin() * width;
        double up = (double) top.ymin() * height;
        double right = (double) top.xmax() * width;
        double down = (double) top.ymax() * height;
        long[] box = {(long) left, (long) up, (long) (right - left + 1), (long) (down - up + 1)};
        @SuppressWarnings("unchecked")
        List<Long> want = (List<Long>) entry.get("bbox_xywh");
        assertArrayEquals(want.stream().mapToLong(Long::longValue).toArray(), box, "bbox_xywh");
        assertEquals((Double) entry.get("detector_confidence"), top.confidence(), BOX_TOLERANCE, "confidence");
    }

    @ParameterizedTest
    @ValueSource(strings = {"F1", "F2", "T1"})
    void priorBoxesEqualOpenCvsExactly(String image) {
        Close.assertClose(expected(image, "mbox_priorbox"), actual(image, "mbox_priorbox"), 0, 0, "mbox_priorbox");
    }

    /** Raw regressions (|value| up to ~10): measured worst error 4e-6. */
    @ParameterizedTest
    @ValueSource(strings = {"F1", "F2", "T1"})
    void boxRegressionsMatchOpenCv(String image) {
        Close.assertClose(expected(image, "mbox_loc"), actual(image, "mbox_loc"), 5e-5, 0, "mbox_loc");
    }

    /** Measured worst error 6e-7. */
    @ParameterizedTest
    @ValueSource(strings = {"F1", "F2", "T1"})
    void classProbabilitiesMatchOpenCv(String image) {
        Close.assertClose(expected(image, "mbox_conf_softmax"), actual(image, "mbox_conf_softmax"), 1e-5, 0,
                "mbox_conf_softmax");
    }

    /** conv1 + BatchNorm + Scale + ReLU: one layer of float32 error, so tighter than the head. */
    @ParameterizedTest
    @ValueSource(strings = {"F1", "F2", "T1"})
    void firstConvBatchNormReluMatchesOpenCv(String image) {
        assertInnerBlob(image, "relu_blob1", 1e-6);
    }

    /** Deconvolution + Crop + Eltwise SUM of the feature pyramid. */
    @ParameterizedTest
    @ValueSource(strings = {"F1", "F2", "T1"})
    void upsampledSumMatchesOpenCv(String image) {
        assertInnerBlob(image, "add_blob1", 1e-5);
    }

    /**
     * Concat of three branches + ReLU (the first detection head's input), 35 layers deep. 2e-5: both sides
     * are float32 with different summation orders (OpenCV's kernels; ours blocks the reduction in KC chunks,
     * and GemmDoubleReferenceTest holds each product to the float32 bound against double), and their
     * difference grows with depth: measured up to 1.2e-5 of a channel's sum (T1, channel 49) with the
     * 12-row vector kernel, under 1e-5 with the scalar one. A wrong layer would be off by far more.
     */
    @ParameterizedTest
    @ValueSource(strings = {"F1", "F2", "T1"})
    void concatenatedContextMatchesOpenCv(String image) {
        assertInnerBlob(image, "relu_blob35", 2e-5);
    }

    // Per-channel sums (float64, stored as float32, in the fixture) within rtol of the channel's sum of
    // magnitudes, and a 6x6 window within rtol of the blob's largest magnitude.
    private static void assertInnerBlob(String image, String blob, double rtol) {
        Tensor got = actual(image, blob);
        int[] s = got.shape();
        int plane = s[2] * s[3];
        float[] g = got.data();
        float[] want = expected(image, blob + ".channel_sum").data();
        double largest = 0;
        for (int c = 0; c < s[1]; c++) {
            double sum = 0;
            double magnitude = 0;
            for (int i = 0; i < plane; i++) {
                sum += g[c * plane + i];
                magnitude += Math.abs(g[c * plane + i]);
                largest = Math.max(largest, Math.abs(g[c * plane + i]));
            }
            assertEquals(want[c], sum, rtol * magnitude, blob + " channel " + c + " sum");
        }
        String[] origin = FIXTURES.get(image).metadata().get("patch_origin").split(",");
        int row = Integer.parseInt(origin[0]);
        int col = Integer.parseInt(origin[1]);
        Tensor patch = got.slice(2, row, row + 6).slice(3, col, col + 6).contiguous();
        Close.assertClose(expected(image, blob + ".patch"), patch, rtol * largest, 0, blob + " patch");
    }
}
