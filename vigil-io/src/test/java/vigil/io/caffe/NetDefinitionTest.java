package vigil.io.caffe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The prototxt's typed model: inputs in their three spellings, TEST-phase filtering, bad definitions. */
class NetDefinitionTest {

    @Test
    void readsTheDetectorsDefinition() throws Exception {
        NetDefinition net = NetDefinition.read(CaffeFixtures.detectorPrototxt());
        assertEquals("20200403141819_Widerface-RetinaFace_mb_640_negscope-0_epoch_4", net.name());
        assertEquals(1, net.inputs().size());
        assertEquals("data", net.inputs().get(0).name());
        assertArrayEquals(new int[] {1, 3, 640, 640}, net.inputs().get(0).shape());
        assertEquals(219, net.layers().size());
        LayerSpec first = net.layers().get(0);
        assertEquals("conv1", first.name());
        assertEquals("Convolution", first.type());
        assertEquals(List.of("data"), first.bottoms());
        assertEquals(List.of("conv_blob1"), first.tops());
        assertEquals(8, first.param("convolution_param").intValue("num_output", 0));
        LayerSpec crop = net.layers().stream().filter(l -> l.name().equals("crop1")).findFirst().orElseThrow();
        assertEquals(List.of("conv_transpose_blob1", "relu_blob29"), crop.bottoms());
    }

    @Test
    void inputShapeAndInputLayersDeclareInputs() throws Exception {
        NetDefinition net = TestNets.definition("""
                input: "a" input_shape { dim: 1 dim: 2 }
                input: "b" input_shape { dim: 3 }
                layer { name: "in" type: "Input" top: "c" top: "d"
                  input_param { shape { dim: 1 dim: 4 dim: 5 dim: 6 } } }
                """);
        assertEquals(List.of(new InputSpec("a", new int[] {1, 2}), new InputSpec("b", new int[] {3}),
                new InputSpec("c", new int[] {1, 4, 5, 6}), new InputSpec("d", new int[] {1, 4, 5, 6})), net.inputs());
        assertEquals(0, net.layers().size());
    }

    @Test
    void layersOutsideTheTestPhaseAreDropped() throws Exception {
        NetDefinition net = TestNets.definition("""
                layer { name: "train_only" type: "ReLU" include { phase: TRAIN } }
                layer { name: "test_only" type: "ReLU" include { phase: TEST } }
                layer { name: "not_in_test" type: "ReLU" exclude { phase: TEST } }
                layer { name: "staged" type: "ReLU" include { stage: "deploy" } }
                layer { name: "either" type: "ReLU" include { phase: TRAIN } include { phase: TEST } }
                layer { name: "always" type: "ReLU" }
                """);
        assertEquals(List.of("test_only", "either", "always"), net.layers().stream().map(LayerSpec::name).toList());
    }

    @Test
    void inputDimCountMustBeFourPerInput() {
        String msg = assertThrows(CaffeFormatException.class, () -> TestNets.definition(
                "input: \"data\"\ninput_dim: 1 input_dim: 3 input_dim: 8")).getMessage();
        assertEquals("test.prototxt:1: 1 inputs need 4 input_dim values, got 3", msg);
    }

    @Test
    void layerWithoutTypeIsRefused() {
        String msg = assertThrows(CaffeFormatException.class, () -> TestNets.definition(
                "name: \"n\"\nlayer {\n name: \"x\"\n}")).getMessage();
        assertEquals("test.prototxt:2: layer 'x' (): has no type", msg);
    }

    @Test
    void legacyLayersFieldIsRefusedWithAHint() {
        String msg = assertThrows(Exception.class, () -> TestNets.definition("layers { name: \"x\" type: RELU }"))
                .getMessage();
        assertEquals("test.prototxt:1: uses the V1 'layers' format; upgrade it with Caffe's upgrade_net_proto_text"
                + " first", msg);
    }
}
