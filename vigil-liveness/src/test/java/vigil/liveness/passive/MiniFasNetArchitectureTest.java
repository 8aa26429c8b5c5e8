package vigil.liveness.passive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.init.Init;
import vigil.tensor.init.Rng;

/**
 * The family's structure against PyTorch: parameter and state-dict counts from the reference's
 * classes built with /usr/bin/python3 (torch 1.13) at 80x80, embedding 128, and forward shapes.
 */
class MiniFasNetArchitectureTest {

    @ParameterizedTest
    @CsvSource({
        "V1, 3, 414354, 334",
        "V2, 3, 434560, 334",
        "V1SE, 3, 433586, 370",
        "V2SE, 3, 453792, 370",
        "V2SE, 4, 453920, 370",
    })
    void parameterAndStateCountsMatchPyTorch(MiniFasNetVariant variant, int classes, int parameters, int stateKeys) {
        MiniFasNet model = MiniFasNet.create(variant, 80, 80, classes, new Rng(3));
        System.out.printf("%s, %d classes: %d parameters (PyTorch %d), %d state keys%n", variant.referenceName(),
                classes, model.parameterCount(), parameters, model.stateDict().size());
        assertEquals(parameters, model.parameterCount(), variant + " parameters");
        assertEquals(stateKeys, model.stateDict().size(), variant + " state dict entries");
    }

    @ParameterizedTest
    @CsvSource({"V1, 3", "V2SE, 4"})
    void forwardGivesOneRowOfLogitsPerImage(MiniFasNetVariant variant, int classes) {
        MiniFasNet model = MiniFasNet.create(variant, 80, 80, classes, new Rng(11));
        model.eval();
        Tensor x = Init.uniform(Tensor.zeros(2, 3, 80, 80), 0f, 255f, new Rng(5));
        Tensor probabilities = model.probabilities(x);
        assertArrayEquals(new int[] {2, classes}, probabilities.shape());
        for (int n = 0; n < 2; n++) {
            float sum = 0;
            for (int c = 0; c < classes; c++) {
                float p = probabilities.get(n, c);
                assertTrue(Float.isFinite(p) && p >= 0f, variant + " probability " + p);
                sum += p;
            }
            assertEquals(1f, sum, 1e-5f, variant + " row " + n);
        }
    }

    @Test
    void conv6KernelCoversTheLastFeatureMapOfAnyInputSize() {
        assertArrayEquals(new int[] {5, 5}, MiniFasNet.conv6Kernel(80, 80));
        assertArrayEquals(new int[] {4, 5}, MiniFasNet.conv6Kernel(60, 80));
        MiniFasNet model = MiniFasNet.create(MiniFasNetVariant.V2, 60, 80, 3, new Rng(2));
        model.eval();
        assertArrayEquals(new int[] {1, 3}, model.forward(Tensor.zeros(1, 3, 60, 80)).shape());
        assertArrayEquals(new int[] {512, 1, 4, 5}, model.stateDict().get("conv_6_dw.conv.weight").shape());
    }

    @Test
    void seVariantsCarrySqueezeExcitationOnlyOnEachStagesLastBlock() {
        MiniFasNet model = MiniFasNet.create(MiniFasNetVariant.V1SE, 80, 80, 3, new Rng(4));
        var seKeys = model.stateDict().keySet().stream().filter(k -> k.endsWith("se_module.fc1.weight")).toList();
        assertEquals(List.of("conv_3.model.3.se_module.fc1.weight", "conv_4.model.5.se_module.fc1.weight",
                "conv_5.model.1.se_module.fc1.weight"), seKeys);
        // reduction 4 on the 64-wide stage: fc1 64 -> 16
        assertArrayEquals(new int[] {16, 64, 1, 1}, model.stateDict().get("conv_3.model.3.se_module.fc1.weight").shape());
    }

    @Test
    void wrongInputSizeIsRefusedNamingModelAndShape() {
        MiniFasNet model = MiniFasNet.create(MiniFasNetVariant.V2, 80, 80, 3, new Rng(1));
        var e = assertThrows(ShapeException.class, () -> model.forward(Tensor.zeros(1, 3, 96, 96)));
        assertEquals("MiniFASNetV2 80x80, 3 classes: expected input [N, 3, 80, 80], got [1, 3, 96, 96]",
                e.getMessage());
    }

    @Test
    void embeddingOf512SkipsTheLinearLayerButKeepsItsWeights() {
        MiniFasNet model = new MiniFasNet(MiniFasNetVariant.V1, 80, 80, 3, 512, 0.2f, new Rng(9));
        model.eval();
        assertArrayEquals(new int[] {512, 512}, model.stateDict().get("linear.weight").shape());
        Tensor before = model.forward(Tensor.full(1f, 1, 3, 80, 80));
        Arrays.fill(model.stateDict().get("linear.weight").data(), 0f);
        Tensor after = model.forward(Tensor.full(1f, 1, 3, 80, 80));
        assertArrayEquals(before.data(), after.data(), 0f);
    }
}
