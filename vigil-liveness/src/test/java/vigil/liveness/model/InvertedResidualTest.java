package vigil.liveness.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;

/** MobileNetV2's inverted residual: output shapes, which blocks add their input, channel rounding. */
class InvertedResidualTest {

    @Test
    void strideTwoHalvesTheMapRoundingUpAndSetsTheOutputWidth() {
        InvertedResidual block = new InvertedResidual(8, 16, 2, 6, new Rng(1));
        Tensor y = block.forward(GradCheck.randomInput(new Rng(2), -1, 1, 2, 8, 9, 10));
        assertArrayEquals(new int[] {2, 16, 5, 5}, y.shape());
        assertFalse(block.residual());
    }

    @Test
    void expansionSetsTheHiddenWidthAndExpansionOneHasNoExpandConvolution() {
        InvertedResidual six = new InvertedResidual(8, 8, 1, 6, new Rng(1));
        assertArrayEquals(new int[] {48, 8, 1, 1}, six.stateDict().get("expand.0.weight").shape());
        assertArrayEquals(new int[] {48, 1, 3, 3}, six.stateDict().get("depthwise.0.weight").shape());
        assertArrayEquals(new int[] {8, 48, 1, 1}, six.stateDict().get("project.0.weight").shape());
        InvertedResidual one = new InvertedResidual(8, 16, 1, 1, new Rng(1));
        assertNull(one.children().get("expand"));
        assertArrayEquals(new int[] {8, 1, 3, 3}, one.stateDict().get("depthwise.0.weight").shape());
    }

    @Test
    void onlyAStrideOneBlockKeepingItsWidthAddsItsInput() {
        // With the projection's batch norm scaled to zero the branch outputs exactly 0, so the block
        // returns its input when it is residual and zeros when it is not.
        Tensor x = GradCheck.randomInput(new Rng(3), -1, 1, 2, 8, 6, 6);
        InvertedResidual residual = silenced(new InvertedResidual(8, 8, 1, 6, new Rng(4)));
        assertTrue(residual.residual());
        assertArrayEquals(x.data(), residual.forward(x).data(), 0f);
        InvertedResidual wider = silenced(new InvertedResidual(8, 16, 1, 6, new Rng(4)));
        assertFalse(wider.residual());
        float[] y = wider.forward(x).data();
        assertArrayEquals(new float[y.length], y, 0f);
        InvertedResidual strided = silenced(new InvertedResidual(8, 8, 2, 6, new Rng(4)));
        assertFalse(strided.residual());
        assertArrayEquals(new int[] {2, 8, 3, 3}, strided.forward(x).shape());
    }

    @Test
    void channelRoundingFollowsTorchvisionsMakeDivisible() {
        // _make_divisible(v, 8): nearest multiple of 8, at least 8, never more than 10% below v.
        assertEquals(32, MobileNetV2MultiTask.divisible(32f));
        assertEquals(16, MobileNetV2MultiTask.divisible(32 * 0.35f)); // 11.2 -> 8 is > 10% below -> 16
        assertEquals(8, MobileNetV2MultiTask.divisible(16 * 0.35f));  // 5.6 -> at least 8
        assertEquals(24, MobileNetV2MultiTask.divisible(24 * 0.75f)); // 18 -> 16 is > 10% below -> 24
        assertEquals(1280, MobileNetV2MultiTask.divisible(1280f));
    }

    private static InvertedResidual silenced(InvertedResidual block) {
        Arrays.fill(block.stateDict().get("project.1.weight").data(), 0f);
        Arrays.fill(block.stateDict().get("project.1.bias").data(), 0f);
        return block;
    }
}
