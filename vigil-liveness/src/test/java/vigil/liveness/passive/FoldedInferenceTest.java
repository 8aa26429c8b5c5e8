package vigil.liveness.passive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.init.Rng;

/**
 * In evaluation with no autograd recording, MiniFASNet's conv blocks run with batch norm and PReLU folded
 * into the convolution: the golden crops must still give PyTorch's softmax within 1e-4, and a fold must
 * follow weights loaded after it was made. (The unfolded path is checked by PretrainedMiniFasNetTest.)
 */
class FoldedInferenceTest {
    private static final double SOFTMAX_TOLERANCE = 1e-4;

    private static void assertSoftmaxMatchesPyTorch(MiniFasNet model, String image, String fileName, String scaleTag)
            throws IOException {
        Tensor crop = SilentFaceFixtures.crop(image, scaleTag);
        float[] folded;
        try (Autograd.NoGrad off = Autograd.noGrad()) {
            folded = model.probabilities(crop).data();
        }
        float[] unfolded = model.probabilities(crop).data();
        float[] want = SilentFaceFixtures.referenceSoftmax(image, fileName);
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], folded[i], SOFTMAX_TOLERANCE, fileName + " on " + image + " class " + i);
            worst = Math.max(worst, Math.abs(folded[i] - unfolded[i]));
        }
        System.out.printf("%s on %s: max |folded - unfolded softmax| = %.3g%n", fileName, image, worst);
    }

    @ParameterizedTest
    @CsvSource({
        "F1, 2.7_80x80_MiniFASNetV2.pth, 2.7",
        "T1, 2.7_80x80_MiniFASNetV2.pth, 2.7",
        "F2, 4_0_0_80x80_MiniFASNetV1SE.pth, 4_0_0",
        "T1, 4_0_0_80x80_MiniFASNetV1SE.pth, 4_0_0",
    })
    void foldedInferenceOnGoldenCropMatchesPyTorch(String image, String fileName, String scaleTag) throws IOException {
        MiniFasNet model = MiniFasNet.create(MiniFasNetSpec.fromFileName(fileName), new Rng(7))
                .loadPretrained(SilentFaceFixtures.weights(fileName), fileName);
        assertSoftmaxMatchesPyTorch(model, image, fileName, scaleTag);
    }

    @Test
    void foldIsRedoneWhenWeightsAreLoadedAfterIt() throws IOException {
        String file = SilentFaceFixtures.V2_FILE;
        MiniFasNet model = MiniFasNet.create(MiniFasNetSpec.fromFileName(file), new Rng(7));
        model.eval();
        Tensor crop = SilentFaceFixtures.crop("F1", "2.7");
        float[] random;
        try (Autograd.NoGrad off = Autograd.noGrad()) {
            random = model.probabilities(crop).data();
        }
        model.loadPretrained(SilentFaceFixtures.weights(file), file);
        float[] want = SilentFaceFixtures.referenceSoftmax("F1", file);
        assertTrue(Math.abs(random[0] - want[0]) > SOFTMAX_TOLERANCE, "random weights already give the reference");
        assertSoftmaxMatchesPyTorch(model, "F1", file, "2.7");
    }
}
