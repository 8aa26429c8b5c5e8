package vigil.data.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.data.image.BgrImage;

/** A folder of PNG frames written in the test: order, timestamps and pixels are known exactly. */
class FrameFolderReaderTest {
    @TempDir
    Path tmp;

    /** A 4x3 frame whose every pixel is (b, g, r) = (k, 2k, 3k). */
    private static BgrImage solid(int k) {
        BgrImage image = new BgrImage(4, 3);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                image.set(x, y, 0, k);
                image.set(x, y, 1, 2 * k);
                image.set(x, y, 2, 3 * k);
            }
        }
        return image;
    }

    @Test
    void framesComeInNaturalNameOrderAtTheGivenRate() throws IOException {
        int[] numbers = {10, 2, 1};
        for (int n : numbers) {
            solid(n * 7).writePng(tmp.resolve("frame" + n + ".png"));
        }
        Files.writeString(tmp.resolve("notes.txt"), "not a frame");
        try (FrameFolderReader video = FrameFolderReader.open(tmp, 25.0)) {
            assertEquals(3, video.frameCount().orElseThrow());
            List<VideoFrame> frames = video.readAll();
            int[] expected = {1, 2, 10};
            for (int i = 0; i < 3; i++) {
                VideoFrame f = frames.get(i);
                assertEquals(i, f.index());
                assertEquals(i / 25.0, f.timestampSeconds(), 1e-12);
                int k = expected[i] * 7;
                assertEquals(k, f.image().get(3, 2, 0));
                assertEquals(2 * k, f.image().get(3, 2, 1));
                assertEquals(3 * k, f.image().get(3, 2, 2));
            }
        }
    }

    @Test
    void naturalOrderComparesDigitRunsByValue() {
        List<String> sorted = List.of("f10.png", "f9.png", "f009b.png", "f1.png", "a.png").stream()
                .sorted(FrameFolderReader::compareNatural).toList();
        assertEquals(List.of("a.png", "f1.png", "f9.png", "f009b.png", "f10.png"), sorted);
    }

    @Test
    void folderWithoutImagesIsRefused() throws IOException {
        Files.writeString(tmp.resolve("readme.txt"), "no frames here");
        VideoDecodeException e = assertThrows(VideoDecodeException.class, () -> FrameFolderReader.open(tmp, 30));
        assertTrue(e.getMessage().contains("no frame images"), e.getMessage());
    }

    @Test
    void undecodableFrameIsReportedWithItsFile() throws IOException {
        solid(5).writePng(tmp.resolve("0001.png"));
        Path broken = tmp.resolve("0002.png");
        Files.write(broken, new byte[] {1, 2, 3, 4});
        try (FrameFolderReader video = FrameFolderReader.open(tmp, 30)) {
            assertTrue(video.next().isPresent());
            VideoDecodeException e = assertThrows(VideoDecodeException.class, video::next);
            assertEquals(broken, e.file());
        }
    }
}
