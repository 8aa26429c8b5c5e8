package vigil.liveness.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;

/** Every named model gives every requested head at the documented shape, packed as its layout says. */
class LivenessModelsTest {

    @ParameterizedTest
    @ValueSource(strings = {"minifasnet-v1", "minifasnet-v2", "minifasnet-v1se", "minifasnet-v2se", "mobilenet-v2"})
    void headsHaveTheDocumentedShapesAndPackIntoTheLayout(String name) {
        ModelOptions o = ModelOptions.of(80).withLiveOutputs(3).withSpoofTypes(4).withDepth(true)
                .withWidthMultiplier(0.5f).withMapHeadWidth(16);
        MultiTaskModel m = LivenessModels.create(name, o);
        m.eval();
        Tensor x = GradCheck.randomInput(new Rng(1), 0, 255, 2, 3, 80, 80);
        MultiTaskOutput out = m.heads(x);
        assertArrayEquals(new int[] {2, 3}, out.live().shape(), name + " live");
        assertArrayEquals(new int[] {2, 4}, out.spoofType().shape(), name + " spoof type");
        assertArrayEquals(new int[] {2, 1, 10, 10}, out.fourier().shape(), name + " Fourier map");
        assertArrayEquals(new int[] {2, 1, 10, 10}, out.depth().shape(), name + " depth map");
        Tensor packed = m.forward(x);
        assertEquals(3 + 4 + 100 + 100, m.layout().outputWidth());
        assertArrayEquals(new int[] {2, m.layout().outputWidth()}, packed.shape());
        MultiTaskOutput back = MultiTaskOutput.unpack(packed, m.layout());
        assertArrayEquals(out.depth().data(), back.depth().contiguous().data(), 0f, name + " depth after unpacking");
        assertArrayEquals(out.live().data(), back.live().contiguous().data(), 0f, name + " live after unpacking");
    }

    @Test
    void oddInputSizesGiveMapsOfTheStrideEightSize() {
        MultiTaskModel m = LivenessModels.create("minifasnet-v2", ModelOptions.of(80).withInput(80, 60)
                .withMapHeadWidth(8));
        assertEquals(10, m.layout().mapHeight());
        assertEquals(8, m.layout().mapWidth());
        m.eval();
        Tensor f = m.heads(GradCheck.randomInput(new Rng(1), 0, 255, 1, 3, 80, 60)).fourier();
        assertArrayEquals(new int[] {1, 1, 10, 8}, f.shape());
    }

    @Test
    void anUnknownNameIsRefusedWithTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LivenessModels.create("resnet-50", ModelOptions.of(80)));
        assertTrue(e.getMessage().contains("minifasnet-v2se") && e.getMessage().contains("resnet-50"), e.getMessage());
    }
}
