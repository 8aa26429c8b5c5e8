package vigil.cli.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vigil.io.pth.PthReader;
import vigil.liveness.train.ConfigFields;
import vigil.tensor.Tensor;

/** model.init: a Silent-Face .pth as the starting point of a `vigil train` model. */
class PretrainedInitTest {
    private static final Path V2 = Path.of(System.getProperty("vigil.shared", "../../shared"))
            .resolve("models/silent-face/2.7_80x80_MiniFASNetV2.pth");

    private static ModelConfig config(String name, long input) {
        return ModelConfig.read(new ConfigFields("test", "model.", Map.of("name", name, "input", input,
                "init", V2.toString(), "freeze_steps", 5L)));
    }

    @Test
    void theBackboneAndLiveHeadStartAsTheCheckpoint() throws IOException {
        Map<String, Tensor> model = config("minifasnet-v2", 80).build(1).model().stateDict();
        Map<String, Tensor> pth = PthReader.stripModulePrefix(PthReader.read(V2));
        int compared = 0;
        for (Map.Entry<String, Tensor> e : pth.entrySet()) {
            if (e.getValue().dtype() == vigil.tensor.DType.FLOAT32) {
                assertArrayEquals(e.getValue().data(), model.get("model." + e.getKey()).data(), e.getKey());
                compared++;
            }
        }
        assertTrue(compared > 100, "compared only " + compared + " tensors");
    }

    @Test
    void aModelThatIsNotTheFilesArchitectureIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config("minifasnet-v1se", 80));
        assertTrue(e.getMessage().contains("minifasnet-v2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> config("minifasnet-v2", 64));
    }
}
