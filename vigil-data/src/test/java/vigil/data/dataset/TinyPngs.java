package vigil.data.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import vigil.data.image.BgrImage;

/** Test fixtures: 2x2 PNGs whose every byte is one value, so a decoded image names its file. */
public final class TinyPngs {
    private TinyPngs() {}

    /** Writes a 2x2 PNG filled with value (0..255), creating folders; returns the file. */
    public static Path write(Path file, int value) throws IOException {
        BgrImage image = new BgrImage(2, 2);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 2; x++) {
                for (int c = 0; c < 3; c++) {
                    image.set(x, y, c, value);
                }
            }
        }
        image.writePng(file);
        return file;
    }

    /** Writes n PNGs named 000.png, 001.png, ... into dir, valued first, first + 1, ... */
    public static void fill(Path dir, int n, int first) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < n; i++) {
            write(dir.resolve(String.format("%03d.png", i)), (first + i) % 256);
        }
    }

    /** The fill value of a decoded fixture. */
    public static int valueOf(BgrImage image) {
        return image.get(0, 0, 0);
    }
}
