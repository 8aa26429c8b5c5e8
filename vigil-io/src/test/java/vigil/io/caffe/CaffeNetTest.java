package vigil.io.caffe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;

/** CaffeNet's wiring and API: blob naming, partial runs, in-place layers, and clear errors. */
class CaffeNetTest {
    private static final String SCALE_NET = """
            name: "tiny"
            input: "data"
            input_shape { dim: 1 dim: 2 dim: 1 dim: 2 }
            layer { name: "scale" type: "Scale" bottom: "data" top: "data" scale_param { bias_term: true } }
            layer { name: "relu" type: "ReLU" bottom: "data" top: "out" }
            """;

    private static final Map<String, List<Tensor>> SCALE_BLOBS =
            Map.of("scale", List.of(Tensor.of(new float[] {2, -1}, 2), Tensor.of(new float[] {0.5f, 0}, 2)));

    private static final Tensor INPUT = Tensor.of(new float[] {1, -2, 3, 4}, 1, 2, 1, 2);

    @Test
    void inPlaceLayerRebindsTheBlobName() throws Exception {
        CaffeNet net = TestNets.build(SCALE_NET, SCALE_BLOBS);
        Map<String, Tensor> blobs = net.forward(INPUT);
        // channel 0: x * 2 + 0.5; channel 1: x * -1
        assertArrayEquals(new float[] {2.5f, -3.5f, -3, -4}, blobs.get("data").data());
        assertArrayEquals(new float[] {2.5f, 0, 0, 0}, blobs.get("out").data());
        assertArrayEquals(new float[] {1, -2, 3, 4}, INPUT.data(), "the caller's input is left alone");
    }

    @Test
    void forwardToABlobReturnsItsLastWritersValue() throws Exception {
        CaffeNet net = TestNets.build(SCALE_NET, SCALE_BLOBS);
        assertArrayEquals(new float[] {2.5f, -3.5f, -3, -4}, net.forward(INPUT, "data").data());
        assertArrayEquals(new float[] {2.5f, 0, 0, 0}, net.forward(INPUT, "out").data());
        assertEquals(List.of("data"), net.inputNames());
    }

    @Test
    void unknownBlobNameIsRefused() throws Exception {
        CaffeNet net = TestNets.build(SCALE_NET, SCALE_BLOBS);
        String msg = assertThrows(IllegalArgumentException.class, () -> net.forward(INPUT, "nope")).getMessage();
        assertEquals("no blob 'nope' in network 'tiny'", msg);
    }

    @Test
    void inputWithOtherChannelsIsRefusedButOtherSizesRun() throws Exception {
        CaffeNet net = TestNets.build(SCALE_NET, SCALE_BLOBS);
        String msg = assertThrows(ShapeException.class, () -> net.forward(Tensor.zeros(1, 3, 1, 2))).getMessage();
        assertEquals("input 'data': got [1, 3, 1, 2], declared [1, 2, 1, 2] (rank and channels must match)", msg);
        assertArrayEquals(new int[] {1, 2, 5, 7}, net.forward(Tensor.zeros(1, 2, 5, 7), "out").shape());
    }

    @Test
    void unknownLayerTypeNamesLayerAndType() {
        String msg = assertThrows(CaffeFormatException.class, () -> TestNets.build("""
                input: "data"
                layer { name: "lrn1" type: "LRN" bottom: "data" top: "x" }
                """)).getMessage();
        assertTrue(msg.startsWith("test.prototxt:2: layer 'lrn1' (LRN): type 'LRN' is not supported (supported: "
                + "BatchNorm, Concat, Convolution"), msg);
    }

    @Test
    void bottomThatNothingProducesIsRefused() {
        String msg = assertThrows(CaffeFormatException.class, () -> TestNets.build("""
                input: "data"
                layer { name: "relu" type: "ReLU" bottom: "dat" top: "x" }
                """)).getMessage();
        assertEquals("test.prototxt:2: layer 'relu' (ReLU): bottom 'dat' is neither a network input nor the top of"
                + " an earlier layer", msg);
    }

    @Test
    void layerMissingFromTheWeightsIsRefused() {
        String msg = assertThrows(CaffeFormatException.class, () -> TestNets.build("""
                input: "data"
                layer { name: "conv" type: "Convolution" bottom: "data" top: "x"
                  convolution_param { num_output: 4 kernel_size: 3 } }
                """)).getMessage();
        assertEquals("test.prototxt:2: layer 'conv' (Convolution): expects 2 learned blobs, the weights have 0"
                + " (no layer of that name, or one without blobs) (weights: test.caffemodel)", msg);
    }

    @Test
    void weightBlobThatDoesNotFitTheParametersIsRefused() {
        String msg = assertThrows(CaffeFormatException.class, () -> TestNets.build("""
                input: "data"
                layer { name: "conv" type: "Convolution" bottom: "data" top: "x"
                  convolution_param { num_output: 4 kernel_size: 3 bias_term: false } }
                """, Map.of("conv", List.of(Tensor.zeros(4, 1, 5, 5))))).getMessage();
        assertEquals("test.prototxt:2: layer 'conv' (Convolution): weight blob [4, 1, 5, 5] does not match num_output 4"
                + " and kernel 3x3 (weights: test.caffemodel)", msg);
    }

    @Test
    void badParameterValueNamesTheLine() {
        String msg = assertThrows(Exception.class, () -> TestNets.build("""
                input: "data"
                layer { name: "pool" type: "Pooling" bottom: "data" top: "x"
                  pooling_param { pool: MEDIAN kernel_size: 2 } }
                """)).getMessage();
        assertEquals("test.prototxt:2: layer 'pool' (Pooling): pool method MEDIAN is not supported (MAX, AVE)", msg);
    }

    @Test
    void shapeErrorDuringForwardNamesTheLayer() throws Exception {
        CaffeNet net = TestNets.build("""
                input: "a"
                input: "b"
                layer { name: "sum" type: "Eltwise" bottom: "a" bottom: "b" top: "c" }
                """);
        String msg = assertThrows(ShapeException.class,
                () -> net.forward(Map.of("a", Tensor.zeros(1, 2), "b", Tensor.zeros(1, 3)))).getMessage();
        assertEquals("layer 'sum' (Eltwise): bottoms differ in shape, [1, 2] and [1, 3]", msg);
    }

    @Test
    void singleTensorForwardNeedsASingleInputNetwork() throws Exception {
        CaffeNet net = TestNets.build("input: \"a\"\ninput: \"b\"\nname: \"two\"");
        String msg = assertThrows(IllegalArgumentException.class, () -> net.forward(INPUT)).getMessage();
        assertEquals("network 'two' has inputs [a, b]; pass them by name", msg);
    }
}
