package vigil.liveness.model;

import java.io.IOException;
import java.nio.file.Path;
import vigil.data.image.ImageDecoder;
import vigil.tensor.Tensor;

/** Paths to the shared models and goldens, and PNG crops as model inputs. */
final class ModelFixtures {
    static final String V2_FILE = "2.7_80x80_MiniFASNetV2.pth";
    static final String V1SE_FILE = "4_0_0_80x80_MiniFASNetV1SE.pth";

    private ModelFixtures() {
    }

    static Path shared() {
        return Path.of(System.getProperty("vigil.shared", "../../shared"));
    }

    static Path dataCache() {
        return Path.of(System.getProperty("vigil.data.cache", "../.cache/data"));
    }

    static Path silentFaceModel(String fileName) {
        return shared().resolve("models/silent-face").resolve(fileName);
    }

    /**
     * The 80x80 crop the Silent-Face reference pipeline fed a model for a sample image ("F1", "F2",
     * "T1") at a scale ("2.7", "4_0_0"), from shared/goldens/silent-face.
     */
    static Tensor silentFaceCrop(String image, String scaleTag) throws IOException {
        return png(shared().resolve("goldens/silent-face/image_" + image + "_crop_" + scaleTag + ".png"));
    }

    /** A PNG as BGR floats 0..255, [1, 3, H, W]. */
    static Tensor png(Path file) throws IOException {
        return ImageDecoder.readBgr(file).toTensor();
    }
}
