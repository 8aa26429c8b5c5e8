package vigil.io.caffe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vigil.tensor.Tensor;
import vigil.tensor.io.SafeTensors;
import vigil.tensor.io.SafeTensorsFile;

/**
 * Weightless layers with the parameters the detector does not exercise (layer_cases.prototxt), each
 * against OpenCV 4.6 DNN's output for the same seeded inputs (tools/caffe/make_layer_case_fixtures.py).
 * Both sides compute these in float32 with the same formulas, so values agree to a few float32 ulps
 * (1e-6 for values of order 1); priors agree exactly.
 */
class LayerCasesTest {
    private static final double TOLERANCE = 1e-6;
    private static SafeTensorsFile cases;
    private static Map<String, Tensor> blobs;

    @BeforeAll
    static void runLayerCases() throws IOException {
        cases = SafeTensors.read(CaffeFixtures.resource("layer_cases.safetensors"));
        NetDefinition def = NetDefinition.read(CaffeFixtures.resource("layer_cases.prototxt"));
        CaffeNet net = CaffeNet.build(def, new CaffeWeights("(no weights)", Map.of()));
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        for (String name : net.inputNames()) {
            inputs.put(name, cases.tensors().get(name));
        }
        blobs = net.forward(inputs);
    }

    private static void assertMatches(String blob, double tolerance) {
        Close.assertClose(cases.tensors().get(blob), blobs.get(blob), tolerance, tolerance, blob);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pool_max", "pool_ave", "pool_ave_hw", "pool_clipped", "pool_ave_clipped", "pool_global"})
    void poolingFollowsCaffesWindowRules(String blob) {
        assertMatches(blob, TOLERANCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sum_coeff", "prod", "max"})
    void eltwiseOperationsMatch(String blob) {
        assertMatches(blob, TOLERANCE);
    }

    @Test
    void reluWithNegativeSlopeMatches() {
        assertMatches("leaky", 0);
    }

    @Test
    void concatAlongHeightMatches() {
        assertMatches("concat_h", 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"permute", "flatten_hw", "reshape_infer", "reshape_axes", "crop_offsets"})
    void viewLayersMoveValuesAsOpenCvDoes(String blob) {
        assertMatches(blob, 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"softmax_c", "softmax_w"})
    void softmaxAlongTheGivenAxisMatches(String blob) {
        assertMatches(blob, TOLERANCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"priors", "priors_steps"})
    void priorBoxesWithMaxSizesRatiosFlipClipAndStepsMatchExactly(String blob) {
        assertMatches(blob, 0);
    }

    /**
     * Several classes; keep_top_k cutting across classes or not (rows then still sorted by confidence
     * across classes, as OpenCV sorts them); CORNER coding; per-class locations.
     */
    @ParameterizedTest
    @ValueSource(strings = {"detections", "detections_corner", "detections_per_class", "detections_uncut"})
    void detectionOutputKeepsTheSameRowsInTheSameOrder(String blob) {
        Tensor want = cases.tensors().get(blob);
        List<Detection> got = Detection.fromOutput(blobs.get(blob));
        assertEquals(want.dim(0), got.size(), blob + " rows");
        float[] flat = new float[got.size() * 7];
        for (int r = 0; r < got.size(); r++) {
            Detection d = got.get(r);
            float[] row = {d.image(), d.label(), d.confidence(), d.xmin(), d.ymin(), d.xmax(), d.ymax()};
            System.arraycopy(row, 0, flat, 7 * r, 7);
        }
        Close.assertClose(want.data(), flat, TOLERANCE, 0, blob);
    }
}
