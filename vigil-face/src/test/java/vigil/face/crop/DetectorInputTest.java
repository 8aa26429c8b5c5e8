package vigil.face.crop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import vigil.data.image.BgrImage;
import vigil.data.image.ImageDecoder;

/**
 * Sizes were computed with Python 3 by the reference's rule (src/anti_spoof_predict.py,
 * Detection.get_bbox); the photo hashes are of cv2.resize(cv2.imread(photo), size, INTER_LINEAR)
 * with OpenCV 4.6 (vigil-data's make_fixtures.py prints them).
 */
class DetectorInputTest {

    @Test
    void largeImagesShrinkToAbout192SquaredAtTheirAspectRatio() {
        assertEquals(new DetectorInput(221, 166), DetectorInput.size(640, 480));
        assertEquals(new DetectorInput(166, 221), DetectorInput.size(480, 640));
        assertEquals(new DetectorInput(256, 144), DetectorInput.size(1920, 1080));
        assertEquals(new DetectorInput(221, 166), DetectorInput.size(4000, 3000));
        assertEquals(new DetectorInput(192, 192), DetectorInput.size(512, 512));
        assertEquals(new DetectorInput(199, 184), DetectorInput.size(200, 185));
        assertEquals(new DetectorInput(998, 36), DetectorInput.size(1000, 37));
    }

    @Test
    void imagesBelow192SquaredAreUsedAsTheyAre() {
        assertEquals(new DetectorInput(191, 193), DetectorInput.size(191, 193));
        assertEquals(new DetectorInput(100, 50), DetectorInput.size(100, 50));
        // Exactly 192*192 pixels takes the resize branch, to the same size.
        assertEquals(new DetectorInput(192, 192), DetectorInput.size(192, 192));
    }

    @Test
    void smallImageIsPassedThroughUnchanged() {
        BgrImage small = new BgrImage(100, 50);
        assertSame(small, DetectorInput.resize(small));
    }

    @Test
    void samplePhotosResizeToTheDetectorInputExactlyAsOpenCv() throws IOException {
        String[][] expected = {
            {"image_F1.jpg", "422fa2ecac212a38eb64774630e77b8813736b7643b5851e01ef333ef2d50d82"},
            {"image_F2.jpg", "03bb3c598b656896c42a002d130c45c38932557b23764ce8bde731defb5a380e"},
            {"image_T1.jpg", "17200aee450eb34442bfbd66ce2aaee81544df21a379fd960dc22b28a49ed15d"},
        };
        Path photos = Path.of(System.getProperty("vigil.shared", "../../shared"), "images", "silent-face");
        for (String[] e : expected) {
            BgrImage input = DetectorInput.resize(ImageDecoder.readBgr(photos.resolve(e[0])));
            assertEquals("166x221", input.width() + "x" + input.height(), e[0]);
            assertEquals(e[1], sha256(input.data()), e[0] + ": bytes differ from cv2.resize");
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
