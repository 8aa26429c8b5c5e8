package vigil.data.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {
    @TempDir
    Path tmp;

    @Test
    void readsHeaderAndBytes() throws IOException {
        Path f = tmp.resolve("x.idx");
        Files.write(f, new byte[] {0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, (byte) 255});
        IdxFile idx = IdxFile.read(f);
        assertArrayEquals(new int[] {2, 3}, idx.dims());
        assertEquals(255, idx.data()[5] & 0xff);
    }

    @Test
    void truncatedFileNamesTheFile() throws IOException {
        Path f = tmp.resolve("short.idx");
        Files.write(f, new byte[] {0, 0, 8, 1, 0, 0, 0, 9, 1, 2});
        IOException e = assertThrows(IOException.class, () -> IdxFile.read(f));
        assertTrue(e.getMessage().contains("short.idx") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void foreignMagicIsRefused() throws IOException {
        Path f = tmp.resolve("foreign.idx");
        Files.write(f, new byte[] {0x50, 0x4b, 3, 4, 0, 0, 0, 0});
        assertThrows(IOException.class, () -> IdxFile.read(f));
    }

    @Test
    void fashionMnistTestSetHasTenThousandLabelledImages() throws IOException {
        Path dir = Path.of(System.getProperty("vigil.data.cache", "../.cache/data")).resolve("fashion-mnist");
        LabelledImages set = LabelledImages.read(dir.resolve("t10k-images-idx3-ubyte.gz"),
                dir.resolve("t10k-labels-idx1-ubyte.gz"));
        assertArrayEquals(new int[] {10000, 1, 28, 28}, set.images().shape());
        assertEquals(10, set.classes());
        // Fashion-MNIST's test set is balanced: 1000 images per class.
        int[] counts = new int[10];
        for (long l : set.labels().longs()) {
            counts[(int) l]++;
        }
        for (int c : counts) {
            assertEquals(1000, c);
        }
    }
}
