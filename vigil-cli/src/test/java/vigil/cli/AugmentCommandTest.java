package vigil.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vigil.data.image.BgrImage;
import vigil.data.image.ImageDecoder;

/** `vigil augment preview`: a contact sheet of the expected size, byte-identical for the same seed. */
class AugmentCommandTest {
    @TempDir
    Path tmp;
    private Path images;

    private static int run(String... args) {
        return CommandRun.of(new AugmentCommand(), args).exit();
    }

    @BeforeEach
    void makeImages() throws Exception {
        images = tmp.resolve("faces");
        for (int i = 0; i < 2; i++) {
            BgrImage im = new BgrImage(50 + 10 * i, 40);
            for (int y = 0; y < im.height(); y++) {
                for (int x = 0; x < im.width(); x++) {
                    im.set(x, y, 0, (3 * x + 40 * i) % 256);
                    im.set(x, y, 1, (5 * y) % 256);
                    im.set(x, y, 2, (x * y) % 256);
                }
            }
            im.writePng(images.resolve("face" + i + ".png"));
        }
    }

    @Test
    void sameSeedWritesTheSameBytes() throws Exception {
        Path a = tmp.resolve("a.png");
        Path b = tmp.resolve("b.png");
        Path c = tmp.resolve("c.png");
        assertEquals(0, run("preview", "--in", images.toString(), "--out", a.toString(), "--seed", "7", "--attacks", "print,replay"));
        assertEquals(0, run("preview", "--in", images.toString(), "--out", b.toString(), "--seed", "7", "--attacks", "print,replay"));
        assertEquals(0, run("preview", "--in", images.toString(), "--out", c.toString(), "--seed", "8", "--attacks", "print,replay"));
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertFalse(Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)), "another seed draws other variants");
    }

    @Test
    void sheetHasOneRowPerImageAndOneCellPerVariant() throws Exception {
        Path out = tmp.resolve("sheet.png");
        assertEquals(0, run("preview", "--in", images.toString(), "--out", out.toString(), "--variants", "2",
                "--cell", "64", "--attacks", "replay"));
        BgrImage sheet = ImageDecoder.readBgr(out);
        // 1 original + 2 live + 2 spoof + 1 attack = 6 cells of 64 px with 4 px gaps.
        assertEquals(4 + 6 * (64 + 4), sheet.width());
        // 2 rows, each 64 px image + 3 label lines of 14 px + 4 px, with 4 px gaps.
        assertEquals(4 + 2 * (64 + 3 * 14 + 4 + 4), sheet.height());
    }

    @Test
    void policyFileDecidesTheVariants() throws Exception {
        Path policy = tmp.resolve("policy.txt");
        Files.writeString(policy, "any grey 1\n");
        Path out = tmp.resolve("grey.png");
        Path one = images.resolve("face0.png");
        assertEquals(0, run("preview", "--in", one.toString(), "--out", out.toString(), "--policy", policy.toString(),
                "--variants", "1", "--cell", "32"));
        BgrImage sheet = ImageDecoder.readBgr(out);
        // The second cell (a live variant) is grey: B = G = R at its centre.
        int x = 4 + 32 + 4 + 16;
        assertEquals(sheet.get(x, 20, 0), sheet.get(x, 20, 1));
        assertEquals(sheet.get(x, 20, 1), sheet.get(x, 20, 2));
    }

    @Test
    void unknownAttackIsAUsageErrorNamingTheValue() {
        Path one = images.resolve("face0.png");
        Path out = tmp.resolve("never.png");
        CommandRun r = CommandRun.of(new AugmentCommand(), "preview", "--in", one.toString(), "--out", out.toString(),
                "--attacks", "print,paper");
        assertEquals(CommandLine.ExitCode.USAGE, r.exit(), r.err());
        assertTrue(r.err().contains("'paper'"), r.err());
        assertTrue(r.err().contains("Usage:"), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }
}
