package vigil.liveness.passive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;

/** The two real Silent-Face models: strict loading and PyTorch's softmax on the golden crops. */
class PretrainedMiniFasNetTest {
    private static final double SOFTMAX_TOLERANCE = 1e-4;

    private static MiniFasNet modelFor(String fileName) {
        return MiniFasNet.create(MiniFasNetSpec.fromFileName(fileName), new Rng(7));
    }

    @ParameterizedTest
    @CsvSource({"2.7_80x80_MiniFASNetV2.pth, 334", "4_0_0_80x80_MiniFASNetV1SE.pth, 370"})
    void realStateDictLoadsStrictlyWithNoMissingOrUnexpectedKey(String fileName, int keys) throws IOException {
        Map<String, Tensor> state = SilentFaceFixtures.weights(fileName);
        MiniFasNet model = modelFor(fileName);
        assertEquals(keys, state.size(), fileName + " key count");
        assertEquals(state.keySet(), model.stateDict().keySet(), fileName + " keys");
        model.loadStateDict(state, true);
        for (Map.Entry<String, Tensor> e : model.stateDict().entrySet()) {
            Tensor file = state.get(e.getKey());
            switch (file.dtype()) {
                case FLOAT32 -> assertArrayEquals(file.data(), e.getValue().data(), 0f, e.getKey());
                case INT64 -> assertArrayEquals(file.longs(), e.getValue().longs(), e.getKey());
                default -> throw new AssertionError(e.getKey() + ": unexpected dtype " + file.dtype());
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "F1, 2.7_80x80_MiniFASNetV2.pth, 2.7",
        "F2, 2.7_80x80_MiniFASNetV2.pth, 2.7",
        "T1, 2.7_80x80_MiniFASNetV2.pth, 2.7",
        "F1, 4_0_0_80x80_MiniFASNetV1SE.pth, 4_0_0",
        "F2, 4_0_0_80x80_MiniFASNetV1SE.pth, 4_0_0",
        "T1, 4_0_0_80x80_MiniFASNetV1SE.pth, 4_0_0",
    })
    void softmaxOnGoldenCropMatchesPyTorch(String image, String fileName, String scaleTag) throws IOException {
        MiniFasNet model = modelFor(fileName).loadPretrained(SilentFaceFixtures.weights(fileName), fileName);
        float[] got = model.probabilities(SilentFaceFixtures.crop(image, scaleTag)).data();
        float[] want = SilentFaceFixtures.referenceSoftmax(image, fileName);
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
            worst = Math.max(worst, Math.abs(want[i] - got[i]));
        }
        System.out.printf("%s on %s: max |softmax - PyTorch| = %.3g%n", fileName, image, worst);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], SOFTMAX_TOLERANCE, fileName + " on " + image + " class " + i);
        }
    }

    @Test
    void loadPretrainedSwitchesToEvaluation() throws IOException {
        MiniFasNet model = modelFor(SilentFaceFixtures.V2_FILE);
        assertTrue(model.isTraining());
        assertSame(model, model.loadPretrained(SilentFaceFixtures.weights(SilentFaceFixtures.V2_FILE), "v2"));
        assertFalse(model.isTraining());
    }

    @Test
    void v2WeightsIntoV1seAreRefusedNamingTheMissingKeys() throws IOException {
        MiniFasNet v1se = MiniFasNet.create(MiniFasNetVariant.V1SE, 80, 80, 3, new Rng(1));
        Map<String, Tensor> v2 = SilentFaceFixtures.weights(SilentFaceFixtures.V2_FILE);
        var e = assertThrows(IllegalArgumentException.class,
                () -> v1se.loadPretrained(v2, SilentFaceFixtures.V2_FILE));
        String message = e.getMessage();
        assertTrue(message.startsWith(SilentFaceFixtures.V2_FILE + ": not a MiniFASNetV1SE 80x80, 3 classes"),
                message);
        assertTrue(message.contains("36 missing keys [conv_3.model.3.se_module.fc1.weight"), message);
        assertTrue(message.contains("0 unexpected keys []"), message);
        assertTrue(message.endsWith("(the keys look like MiniFASNetV2's)"), message);
    }

    @Test
    void v1seWeightsIntoV2SeAreRefusedNamingTheMisfitShape() throws IOException {
        MiniFasNet v2se = MiniFasNet.create(MiniFasNetVariant.V2SE, 80, 80, 3, new Rng(1));
        Map<String, Tensor> v1se = SilentFaceFixtures.weights(SilentFaceFixtures.V1SE_FILE);
        var e = assertThrows(IllegalArgumentException.class, () -> v2se.loadPretrained(v1se, "v1se.pth"));
        assertTrue(e.getMessage().contains("state dict entry conv_3.model.1.conv.conv.weight"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(the keys look like MiniFASNetV1SE's)"), e.getMessage());
    }

    @Test
    void loadTakesArchitectureFromTheNameAndWeightsFromTheFile() throws IOException {
        PretrainedMiniFasNet loaded = PretrainedMiniFasNet.load(SilentFaceFixtures.model(SilentFaceFixtures.V1SE_FILE));
        assertEquals(MiniFasNetSpec.fromFileName(SilentFaceFixtures.V1SE_FILE), loaded.spec());
        assertEquals(MiniFasNetVariant.V1SE, loaded.model().variant());
        assertFalse(loaded.model().isTraining());
        float[] got = loaded.probabilities(SilentFaceFixtures.crop("T1", "4_0_0")).data();
        float[] want = SilentFaceFixtures.referenceSoftmax("T1", SilentFaceFixtures.V1SE_FILE);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], SOFTMAX_TOLERANCE, "class " + i);
        }
    }

    @Test
    void fileNamedForAnotherArchitectureIsRefusedNamingTheFile(@TempDir Path dir) throws IOException {
        Path misnamed = dir.resolve("2.7_80x80_MiniFASNetV1SE.pth");
        Files.copy(SilentFaceFixtures.model(SilentFaceFixtures.V2_FILE), misnamed);
        var e = assertThrows(IllegalArgumentException.class, () -> PretrainedMiniFasNet.load(misnamed));
        assertTrue(e.getMessage().startsWith(misnamed + ": not a MiniFASNetV1SE 80x80, 3 classes state dict: "
                + "36 missing keys"), e.getMessage());
    }
}
