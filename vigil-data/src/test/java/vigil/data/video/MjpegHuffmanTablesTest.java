package vigil.data.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import vigil.data.image.BufferedImageToBgr;

/**
 * The DHT splice, checked by round trip: ImageIO's JPEG writer codes with the Annex K tables, so a
 * JPEG of it with its DHT segments cut out and the standard ones spliced back decodes to exactly
 * the original pixels; without the splice ImageIO refuses it.
 */
class MjpegHuffmanTablesTest {
    private static byte[] jpegOfGradient() throws IOException {
        BufferedImage image = new BufferedImage(48, 32, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 48; x++) {
                image.setRGB(x, y, (x * 5) << 16 | (y * 7) << 8 | ((x + y) * 3));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    /** The JPEG with every DHT segment before the scan removed: what an MJPEG camera sends. */
    private static byte[] withoutDht(byte[] jpeg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int pos = 2;
        while (true) {
            int marker = jpeg[pos + 1] & 0xff;
            if (marker == 0xda) {
                out.write(jpeg, pos, jpeg.length - pos);
                return out.toByteArray();
            }
            int length = ((jpeg[pos + 2] & 0xff) << 8) | (jpeg[pos + 3] & 0xff);
            if (marker != 0xc4) {
                out.write(jpeg, pos, 2 + length);
            }
            pos += 2 + length;
        }
    }

    private static byte[] bgr(byte[] jpeg) throws IOException {
        return BufferedImageToBgr.convert(ImageIO.read(new ByteArrayInputStream(jpeg))).data();
    }

    @Test
    void splicedStandardTablesDecodeToTheOriginalPixels() throws IOException {
        byte[] original = jpegOfGradient();
        byte[] stripped = withoutDht(original);
        assertEquals(-1, indexOfDht(stripped));
        assertArrayEquals(bgr(original), bgr(MjpegHuffmanTables.withStandardTables(stripped)));
    }

    @Test
    void jpegWithoutTablesIsRefusedByImageIoAlone() throws IOException {
        byte[] stripped = withoutDht(jpegOfGradient());
        assertThrows(IOException.class, () -> ImageIO.read(new ByteArrayInputStream(stripped)));
    }

    @Test
    void jpegThatHasTablesIsLeftUnchanged() throws IOException {
        byte[] original = jpegOfGradient();
        assertSame(original, MjpegHuffmanTables.withStandardTables(original));
    }

    private static int indexOfDht(byte[] jpeg) {
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == 0xc4) {
                return i;
            }
        }
        return -1;
    }
}
