package vigil.liveness.passive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import vigil.data.image.ImageDecoder;
import vigil.io.pth.PthReader;
import vigil.tensor.Tensor;
import vigil.tensor.io.Json;

/** The real Silent-Face models and goldens under ../shared, as the tests read them. */
final class SilentFaceFixtures {
    static final String V2_FILE = "2.7_80x80_MiniFASNetV2.pth";
    static final String V1SE_FILE = "4_0_0_80x80_MiniFASNetV1SE.pth";

    private SilentFaceFixtures() {
    }

    static Path shared() {
        return Path.of(System.getProperty("vigil.shared", "../../shared"));
    }

    static Path model(String fileName) {
        return shared().resolve("models/silent-face").resolve(fileName);
    }

    static Path goldens() {
        return shared().resolve("goldens/silent-face");
    }

    /** The state dict of a pretrained file with the "module." prefix removed. */
    static Map<String, Tensor> weights(String fileName) throws IOException {
        return PthReader.stripModulePrefix(PthReader.read(model(fileName)));
    }

    /** A golden 80x80 crop as the model saw it: BGR bytes as floats 0..255, [1, 3, H, W]. */
    static Tensor crop(String image, String scaleTag) throws IOException {
        return ImageDecoder.readBgr(goldens().resolve("image_" + image + "_crop_" + scaleTag + ".png")).toTensor();
    }

    /** reference.json's softmax of one model on one sample image. */
    static float[] referenceSoftmax(String image, String modelFile) throws IOException {
        Map<String, Object> all = Json.parseObject(Files.readString(goldens().resolve("reference.json")));
        @SuppressWarnings("unchecked")
        Map<String, Object> entry = (Map<String, Object>) all.get("image_" + image + ".jpg");
        @SuppressWarnings("unchecked")
        Map<String, Object> perModel = (Map<String, Object>) entry.get("per_model_softmax");
        List<?> values = (List<?>) perModel.get(modelFile);
        assertEquals(3, values.size(), "reference softmax of " + modelFile + " on " + image);
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) values.get(i)).floatValue();
        }
        return out;
    }
}
