package vigil.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.tensor.Tensor;

class BgrImageTest {
    @TempDir
    Path tmp;

    /** A 6x5 image whose channel c of pixel (x, y) holds 40*c + 6*y + x, so every value names its place. */
    private static BgrImage numbered() {
        BgrImage image = new BgrImage(6, 5);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 6; x++) {
                for (int c = 0; c < 3; c++) {
                    image.set(x, y, c, 40 * c + 6 * y + x);
                }
            }
        }
        return image;
    }

    @Test
    void cropIncludesBothEndsLikeNumpySlicingToEndPlusOne() {
        // img[1:4, 2:5] in numpy: columns 2..4, rows 1..3.
        BgrImage crop = numbered().crop(2, 1, 4, 3);
        assertEquals("3x3", crop.width() + "x" + crop.height());
        assertEquals(6 * 1 + 2, crop.get(0, 0, 0));
        assertEquals(40 * 2 + 6 * 3 + 4, crop.get(2, 2, 2));
        assertEquals(40 + 6 * 2 + 3, crop.get(1, 1, 1));
    }

    @Test
    void cropLeavingTheImageIsRefused() {
        BgrImage image = numbered();
        assertThrows(IllegalArgumentException.class, () -> image.crop(2, 1, 6, 3));
        assertThrows(IllegalArgumentException.class, () -> image.crop(3, 1, 2, 3));
    }

    @Test
    void tensorIsNchwInBgrOrderWithValuesUnscaled() {
        BgrImage image = new BgrImage(2, 1, new byte[] {1, 2, 3, (byte) 250, (byte) 251, (byte) 255});
        Tensor t = image.toTensor();
        assertArrayEquals(new int[] {1, 3, 1, 2}, t.shape());
        // planes B, G, R; within a plane, pixels left to right.
        assertArrayEquals(new float[] {1, 250, 2, 251, 3, 255}, t.data());
    }

    @Test
    void tensorWithMeanMatchesOpenCvBlobFromImage() {
        // cv2.dnn.blobFromImage([[[0,117,255],[104,118,123]]], 1, mean=(104,117,123))
        // = [[[[-104, 0]], [[0, 1]], [[132, 0]]]].
        BgrImage image = new BgrImage(2, 1, new byte[] {0, 117, (byte) 255, 104, 118, 123});
        assertArrayEquals(new float[] {-104, 0, 0, 1, 132, 0}, image.toTensor(104, 117, 123).data());
    }

    @Test
    void writtenPngDecodesToTheSameBytes() throws IOException {
        BgrImage image = numbered();
        Path file = tmp.resolve("sub/numbered.png");
        image.writePng(file);
        assertArrayEquals(image.data(), ImageDecoder.readBgr(file).data());
    }

    @Test
    void setRefusesValuesOutsideAByte() {
        BgrImage image = new BgrImage(2, 2);
        assertThrows(IllegalArgumentException.class, () -> image.set(0, 0, 0, 256));
        assertThrows(IndexOutOfBoundsException.class, () -> image.get(2, 0, 0));
    }
}
