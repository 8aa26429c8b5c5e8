package vigil.liveness.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import vigil.data.image.BgrImage;
import vigil.face.detect.FaceBox;
import vigil.tensor.init.Rng;

/** Tiny benchmarks for tests: smooth random "photos" and a finder that puts one face in the middle. */
public final class BenchmarkFixture {
    private BenchmarkFixture() {
    }

    /** count 64x64 PNGs p00.png, p01.png, ... with seeded smooth colour gradients plus noise. */
    public static void photos(Path folder, int count) throws IOException {
        Files.createDirectories(folder);
        for (int k = 0; k < count; k++) {
            Rng rng = new Rng(1000 + k);
            BgrImage image = new BgrImage(64, 64);
            int[] base = {rng.nextInt(200), rng.nextInt(200), rng.nextInt(200)};
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 64; x++) {
                    for (int c = 0; c < 3; c++) {
                        image.set(x, y, c, Math.min(255, base[c] + (x + y) / 3 + rng.nextInt(20)));
                    }
                }
            }
            image.writePng(folder.resolve(String.format("p%02d.png", k)));
        }
    }

    public static FaceFinder centreFace() {
        return frame -> List.of(new FaceBox(frame.width() / 4, frame.height() / 4, frame.width() / 2, frame.height() / 2, 0.99f));
    }

    /** A small, fast config: 16x16 samples captured at 32, two live variants per face. */
    public static BenchmarkConfig config(Path root, Path photos, long seed) {
        return new BenchmarkConfig(root, seed, List.of(photos), Path.of("unused"), 0.6, 2.7, 16, 32, 1, 2, 8, 0.6, 0.2,
                List.of(AttackRenderer.PRINT_HALFTONE, AttackRenderer.REPLAY_MOIRE),
                List.of(AttackRenderer.PRINT_GLOSSY, AttackRenderer.REPLAY_HIDPI));
    }
}
