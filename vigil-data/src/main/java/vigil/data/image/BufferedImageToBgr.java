package vigil.data.image;

import java.awt.image.BufferedImage;

/**
 * The public door to {@link BgrConversion}, for pixels decoded somewhere other than a file (a
 * video frame's JPEG bytes): the same OpenCV-compatible conversion {@link ImageDecoder} applies.
 */
public final class BufferedImageToBgr {
    private BufferedImageToBgr() {
    }

    /** The BGR bytes of a grey, RGB or palette image; IllegalArgumentException for other colour spaces (CMYK). */
    public static BgrImage convert(BufferedImage image) {
        return BgrConversion.toBgr(image).orElseThrow(() -> new IllegalArgumentException(
                "BufferedImageToBgr: colour space type " + image.getColorModel().getColorSpace().getType()
                        + " is not grey, RGB or palette"));
    }
}
