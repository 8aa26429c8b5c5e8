package vigil.face.crop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import vigil.data.image.BgrImage;

/**
 * Expected bounds were computed with Python 3 by the reference's rule (src/generate_patches.py,
 * CropImage._get_new_box: float arithmetic, int() at the end) for each box, image and scale.
 */
class ScaledCropTest {

    @Test
    void sampleFaceF1IsClampedToTheImageWidthAtBothScales() {
        // image_F1.jpg as decoded (480x640), reference box [178, 136, 223, 225]: (480-1)/223 < 2.7.
        assertEquals(new ScaledCrop(0, 6, 479, 490), ScaledCrop.of(178, 136, 223, 225, 480, 640, 2.7));
        assertEquals(new ScaledCrop(0, 6, 479, 490), ScaledCrop.of(178, 136, 223, 225, 480, 640, 4.0));
    }

    @Test
    void boxWellInsideGrowsAroundItsCentre() {
        assertEquals(new ScaledCrop(115, 48, 385, 372), ScaledCrop.of(200, 150, 100, 120, 640, 480, 2.7));
    }

    @Test
    void boxNearTheTopLeftIsShiftedRightAndDown() {
        assertEquals(new ScaledCrop(0, 0, 240, 320), ScaledCrop.of(5, 3, 60, 80, 640, 480, 4.0));
    }

    @Test
    void boxNearTheBottomRightIsShiftedLeftAndUp() {
        assertEquals(new ScaledCrop(544, 357, 639, 479), ScaledCrop.of(600, 430, 35, 45, 640, 480, 2.7));
    }

    @Test
    void boxLargerThanTheImageShrinksToFit() {
        assertEquals(new ScaledCrop(0, 1, 639, 458), ScaledCrop.of(-10, -20, 700, 500, 640, 480, 2.7));
    }

    @Test
    void oddSizedBoxTruncatesFractionalCorners() {
        assertEquals(new ScaledCrop(72, 33, 162, 171), ScaledCrop.of(101, 77, 33, 51, 320, 240, 2.7));
        assertEquals(new ScaledCrop(101, 77, 134, 128), ScaledCrop.of(101, 77, 33, 51, 320, 240, 1.0));
    }

    @Test
    void cropAndResizeGivesTheModelInputSize() {
        BgrImage image = new BgrImage(320, 240);
        ScaledCrop crop = ScaledCrop.of(101, 77, 33, 51, 320, 240, 2.7);
        assertEquals(91, crop.width());
        assertEquals(139, crop.height());
        BgrImage input = crop.cropAndResize(image, 80, 80);
        assertEquals("80x80", input.width() + "x" + input.height());
    }

    @Test
    void emptyBoxIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ScaledCrop.of(10, 10, 0, 5, 640, 480, 2.7));
        assertThrows(IllegalArgumentException.class, () -> ScaledCrop.of(10, 10, 5, 5, 640, 480, Double.NaN));
    }
}
