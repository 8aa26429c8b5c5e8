package vigil.face.crop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vigil.data.image.BgrImage;
import vigil.data.image.ImageDecoder;

/**
 * Decode, crop at the model's scale and resize to 80x80 reproduce, byte for byte, the crops the
 * reference pipeline fed its two models (../shared/goldens/silent-face/*_crop_*.png). Boxes are
 * reference.json's bbox_xywh, pasted.
 */
class GoldenCropTest {

    @ParameterizedTest(name = "{0} at scale {5}")
    @CsvSource({
        "image_F1, 178, 136, 223, 225, 2.7, 2.7",
        "image_F1, 178, 136, 223, 225, 4.0, 4_0_0",
        "image_F2, 120, 252, 252, 256, 2.7, 2.7",
        "image_F2, 120, 252, 252, 256, 4.0, 4_0_0",
        "image_T1, 106, 147, 207, 213, 2.7, 2.7",
        "image_T1, 106, 147, 207, 213, 4.0, 4_0_0",
    })
    void reproducesTheReferenceModelInput(String image, int x, int y, int w, int h, double scale, String suffix)
            throws IOException {
        Path shared = Path.of(System.getProperty("vigil.shared", "../../shared"));
        BgrImage photo = ImageDecoder.readBgr(shared.resolve("images/silent-face/" + image + ".jpg"));
        BgrImage golden = ImageDecoder.readBgr(shared.resolve("goldens/silent-face/" + image + "_crop_" + suffix + ".png"));

        BgrImage input = ScaledCrop.of(x, y, w, h, photo.width(), photo.height(), scale).cropAndResize(photo, 80, 80);

        byte[] got = input.data();
        byte[] want = golden.data();
        int differing = 0;
        for (int i = 0; i < want.length; i++) {
            differing += got[i] == want[i] ? 0 : 1;
        }
        assertEquals(0, differing, image + " at scale " + scale + ": bytes differing from the golden crop");
    }
}
