package vigil.liveness.passive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
    void keptTrunkOutputsLeaveEveryCallItsOwnAnswer() throws Exception {
        // the trunk's layers reuse per-thread output buffers in evaluation (KeepsOutput): a later call, another
        // batch size or another thread must not change what a call returns
        // the pretrained model on two real crops, so the logits are of order 1 and a wrong buffer would show
        String file = SilentFaceFixtures.V2_FILE;
        MiniFasNet model = MiniFasNet.create(MiniFasNetSpec.fromFileName(file), new Rng(7))
                .loadPretrained(SilentFaceFixtures.weights(file), file);
        model.eval();
        Tensor a = SilentFaceFixtures.crop("T1", "2.7");
        Tensor b = SilentFaceFixtures.crop("F1", "2.7");
        float[] pixels = new float[2 * a.numel()];
        System.arraycopy(a.data(), 0, pixels, 0, a.numel());
        System.arraycopy(b.data(), 0, pixels, a.numel(), a.numel());
        float[] first;
        float[] second;
        float[] again;
        float[] pair;
        try (Autograd.NoGrad off = Autograd.noGrad()) {
            Tensor ya = model.forward(a);
            first = ya.data().clone();
            second = model.forward(b).data().clone();
            assertArrayEquals(first, ya.data(), "a result changed when the model ran again");
            again = model.forward(a).data().clone();
            pair = model.forward(Tensor.of(pixels, 2, a.dim(1), a.dim(2), a.dim(3))).data().clone();
        }
        assertArrayEquals(first, again, "the same input gave other bits after another input");
        // against the unfused layers (autograd on: no fold, no kept buffers). The fold only reorders float
        // roundings: measured 5.5e-6 on logits of up to 4.5; a wrong or overwritten buffer moves them by O(1).
        float[] unfused = model.forward(a).data();
        for (int i = 0; i < first.length; i++) {
            assertEquals(unfused[i], first[i], 1e-4, "kept vs unfused, logit " + i);
        }
        float[][] onOtherThread = new float[1][];
        Thread t = new Thread(() -> {
            try (Autograd.NoGrad off = Autograd.noGrad()) {
                onOtherThread[0] = model.forward(b).data().clone();
            }
        });
        t.start();
        t.join();
        assertArrayEquals(second, onOtherThread[0], "another thread's call gave other bits");
        // every kernel gives a sample the same arithmetic whatever the batch, so batch 2 repeats the bits
        assertArrayEquals(first, java.util.Arrays.copyOfRange(pair, 0, first.length), "batch of 2, sample 0");
        assertArrayEquals(second, java.util.Arrays.copyOfRange(pair, first.length, pair.length), "batch of 2, sample 1");
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
