package vigil.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import vigil.data.image.BgrImage;
import vigil.data.image.BufferedImageToBgr;

/**
 * The bitstream-free JPEG round trip against the real thing: javax.imageio's JPEG writer and reader
 * (IJG libjpeg inside the JDK) are the reference for both its tables and its pixels.
 */
class JpegArtefactsTest {
    private static final int[] QUALITIES = {2, 5, 10, 20, 35, 50, 65, 80, 90, 95};

    @Test
    void quantisationTablesAreTheOnesImageIoWrites() throws IOException {
        BgrImage image = TestImages.natural(16, 16, 1);
        for (int q : new int[] {1, 7, 10, 33, 50, 51, 75, 99, 100}) {
            int[][] written = writtenTables(imageIoEncode(image, q));
            assertArrayEquals(JpegArtefacts.scaledTable(JpegArtefacts.LUMA, q), written[0], "luma table at q=" + q);
            assertArrayEquals(JpegArtefacts.scaledTable(JpegArtefacts.CHROMA, q), written[1], "chroma table at q=" + q);
        }
    }

    /**
     * Ours and ImageIO's output lose the same amount (PSNR to the original within 0.25 dB; measured at most
     * 0.11) and sit close to each other (PSNR between the two >= 38 dB from q = 10, >= 28 dB below; measured
     * >= 40.3 and >= 30.9). They cannot be equal: libjpeg's integer DCTs round differently from our exact
     * float DCT, so coefficients near a quantisation boundary land one step apart, and a step is large at
     * low quality. Two sizes: a whole number of macroblocks, and one that needs edge padding.
     */
    @Test
    void roundTripTracksImageIoAtEveryQuality() throws IOException {
        for (int[] size : new int[][] {{80, 80}, {77, 53}}) {
            BgrImage image = TestImages.natural(size[0], size[1], 3);
            for (int q : QUALITIES) {
                BgrImage ours = new JpegReencode.Params(q).apply(image);
                BgrImage theirs = imageIoRoundTrip(image, q);
                String where = size[0] + "x" + size[1] + " q=" + q;
                assertEquals(TestImages.psnr(image, theirs), TestImages.psnr(image, ours), 0.25, where + ": PSNR to the original");
                double agreement = TestImages.psnr(theirs, ours);
                assertTrue(agreement >= (q >= 10 ? 38 : 28), where + ": PSNR ours vs ImageIO " + agreement);
            }
        }
    }

    static byte[] imageIoEncode(BgrImage image, int quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image.toBufferedImage(), null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    static BgrImage imageIoRoundTrip(BgrImage image, int quality) throws IOException {
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(imageIoEncode(image, quality)));
        return BufferedImageToBgr.convert(decoded);
    }

    /** The two DQT tables of a baseline JPEG, from zigzag to row-major order. */
    static int[][] writtenTables(byte[] jpeg) {
        int[] zigzag = zigzagToRowMajor();
        int[][] tables = new int[2][];
        int pos = 2;
        while (pos + 4 <= jpeg.length && (jpeg[pos + 1] & 0xff) != 0xda) {
            int length = ((jpeg[pos + 2] & 0xff) << 8) | (jpeg[pos + 3] & 0xff);
            if ((jpeg[pos + 1] & 0xff) == 0xdb) {
                for (int t = pos + 4; t < pos + 2 + length; t += 65) {
                    int[] table = new int[64];
                    for (int k = 0; k < 64; k++) {
                        table[zigzag[k]] = jpeg[t + 1 + k] & 0xff;
                    }
                    tables[jpeg[t] & 0x0f] = table;
                }
            }
            pos += 2 + length;
        }
        assertEquals(2, java.util.Arrays.stream(tables).filter(java.util.Objects::nonNull).count(), "two DQT tables");
        return tables;
    }

    // Zigzag index k -> row-major index: walk the anti-diagonals, alternating direction.
    static int[] zigzagToRowMajor() {
        int[] order = new int[64];
        int k = 0;
        for (int s = 0; s < 15; s++) {
            for (int i = 0; i <= s; i++) {
                int r = s % 2 == 0 ? s - i : i;
                int c = s - r;
                if (r < 8 && c < 8) {
                    order[k++] = r * 8 + c;
                }
            }
        }
        assertTrue(k == 64);
        return order;
    }
}
