package vigil.tensor.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vigil.tensor.DType;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;

/**
 * State-dict names, shapes and dtypes match PyTorch's, so checkpoints load unchanged. Expected keys
 * come from /usr/bin/python3 (torch 1.13): list(torch.nn.Sequential(Conv2d(3,4,3), BatchNorm2d(4))
 * .state_dict()) and the same for MiniFASNet's SEModule(4, 2).
 */
class LayerStateDictTest {

    @Test
    void convBatchNormKeysShapesAndDtypesMatchPyTorch() {
        Sequential m = new Sequential(new Conv2d(3, 4, 3, new Rng(1)), new BatchNorm2d(4));
        Map<String, Tensor> sd = m.stateDict();
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                "1.num_batches_tracked"), List.copyOf(sd.keySet()));
        assertArrayEquals(new int[] {4, 3, 3, 3}, sd.get("0.weight").shape());
        assertArrayEquals(new int[] {}, sd.get("1.num_batches_tracked").shape());
        assertEquals(DType.INT64, sd.get("1.num_batches_tracked").dtype());
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias"), List.copyOf(m.namedParameters().keySet()));
    }

    @Test
    void squeezeExciteKeysMatchMiniFasNetSeModule() {
        SqueezeExcite se = new SqueezeExcite(4, 2, new Rng(1));
        assertEquals(List.of("fc1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var",
                "bn1.num_batches_tracked", "fc2.weight", "bn2.weight", "bn2.bias", "bn2.running_mean",
                "bn2.running_var", "bn2.num_batches_tracked"), List.copyOf(se.stateDict().keySet()));
    }

    @Test
    void affineFreeBatchNormHasOnlyBuffers() {
        // torch.nn.BatchNorm2d(4, affine=False).state_dict() keys
        assertEquals(List.of("running_mean", "running_var", "num_batches_tracked"),
                List.copyOf(new BatchNorm2d(4, 1e-5, 0.1, false).stateDict().keySet()));
    }

    @Test
    void convAndLinearInitStayWithinPyTorchBounds() {
        // kaiming_uniform(a = sqrt(5)) and the bias rule both give U(-1/sqrt(fan_in), 1/sqrt(fan_in));
        // for Conv2d(4, 32, 3, groups 2) fan_in = 4/2 * 3 * 3 = 18, for Linear(10, 64) fan_in = 10.
        // Enough values are drawn (>= 32 per tensor) that the largest lies near the bound.
        Conv2d conv = new Conv2d(4, 32, 3, 1, 1, 1, 2, true, new Rng(2));
        assertWithinBound(conv.weight(), 1 / Math.sqrt(18));
        assertWithinBound(conv.bias(), 1 / Math.sqrt(18));
        Linear linear = new Linear(10, 64, new Rng(3));
        assertWithinBound(linear.weight(), 1 / Math.sqrt(10));
        assertWithinBound(linear.bias(), 1 / Math.sqrt(10));
    }

    // every value inside the bound and the largest near it, so the draw is neither too wide nor too narrow
    private static void assertWithinBound(Tensor t, double bound) {
        double max = 0;
        for (float v : t.data()) {
            assertTrue(Math.abs(v) <= bound, v + " outside +-" + bound);
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max > 0.6 * bound, "largest |value| " + max + " far inside +-" + bound);
    }
}
