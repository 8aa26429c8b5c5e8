package vigil.data.augment.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vigil.data.augment.TestImages;
import vigil.data.image.BgrImage;

/** Print synthesis: the halftone screen shows up in the spectrum; the gamut is ink black to paper white. */
class PrintAttackTest {
    private static PrintAttack.Params print(float period, float halftone, float texture) {
        return new PrintAttack.Params(period, 0, halftone, 30, 230, 240, 250, 0.8f, texture, 5);
    }

    @Test
    void halftoneAddsSpectralEnergyAtTheScreenFrequency() {
        BgrImage grey = TestImages.flat(64, 16, 128, 128, 128);
        BgrImage plain = print(4, 0, 0).apply(grey);
        BgrImage screened = print(4, 0.6f, 0).apply(grey);
        int bin = 64 / 4;
        // Row 1 runs between dot centres, so at 50% grey it crosses one dot per period.
        double before = TestImages.dftMagnitude(TestImages.row(plain, 1, 1), bin);
        double after = TestImages.dftMagnitude(TestImages.row(screened, 1, 1), bin);
        assertTrue(before < 0.5, "no screen without halftone: " + before);
        assertTrue(after > 20, "screen-frequency magnitude " + after);
        // The energy sits at the screen frequency, not at a neighbouring one.
        assertTrue(after > 20 * TestImages.dftMagnitude(TestImages.row(screened, 1, 1), bin - 3));
    }

    @Test
    void gamutRunsFromInkBlackToPaperWhite() {
        BgrImage white = print(4, 0, 0).apply(TestImages.flat(4, 4, 255, 255, 255));
        assertEquals(230, white.get(1, 1, 0));
        assertEquals(240, white.get(1, 1, 1));
        assertEquals(250, white.get(1, 1, 2));
        BgrImage black = print(4, 0, 0).apply(TestImages.flat(4, 4, 0, 0, 0));
        assertEquals(30, black.get(2, 2, 1));
    }

    @Test
    void paperTextureIsSmoothAndSmall() {
        BgrImage grey = TestImages.flat(64, 64, 128, 128, 128);
        BgrImage textured = print(4, 0, 0.05f).apply(grey);
        double std = TestImages.std(textured, 1);
        assertTrue(std > 1 && std < 12, "texture std " + std);
        // Neighbouring pixels differ far less than the field varies overall: a smooth, low-frequency texture.
        double step = 0;
        for (int x = 0; x + 1 < 64; x++) {
            step += Math.abs(textured.get(x + 1, 30, 1) - textured.get(x, 30, 1));
        }
        assertTrue(step / 63 < std, "mean neighbour step " + step / 63 + " vs std " + std);
    }

    @Test
    void paperWarpBendsAStraightLineIntoASineOfTheGivenAmplitude() {
        BgrImage line = TestImages.flat(64, 40, 0, 0, 0);
        for (int x = 0; x < 64; x++) {
            for (int c = 0; c < 3; c++) {
                line.set(x, 20, c, 240);
            }
        }
        BgrImage warped = new PaperWarp.Params(4, 32, 0).apply(line);
        // Output (x, y) reads source row y + 4 sin(2 pi x / 32): the line appears at row 20 - that offset.
        assertEquals(240, warped.get(0, 20, 0));
        assertEquals(240, warped.get(8, 16, 0), "crest at x = period / 4");
        assertEquals(240, warped.get(24, 24, 0), "trough at x = 3 period / 4");
        assertEquals(0, warped.get(8, 20, 0));
    }

    @Test
    void paperEdgeShowsBackgroundBeyondTheCutAndPaperInsideIt() {
        BgrImage face = TestImages.natural(40, 40, 1);
        // Left side, cut 10% in (4 px), 5% white margin (2 px), no tilt, blue background.
        BgrImage out = new PaperEdge.Params(0, 0.1f, 0.05f, 0, 200, 10, 10).apply(face);
        assertEquals(200, out.get(3, 17, 0));
        assertEquals(10, out.get(0, 30, 2));
        assertEquals(245, out.get(4, 17, 1));
        assertEquals(245, out.get(5, 17, 1));
        for (int c = 0; c < 3; c++) {
            assertEquals(face.get(6, 17, c), out.get(6, 17, c), "beyond the margin the print is untouched");
        }
    }

    @Test
    void inkBleedGrowsADarkDotIntoItsNeighboursAndLeavesPaperWhite() {
        BgrImage paper = TestImages.flat(7, 7, 240, 240, 240);
        paper.set(3, 3, 1, 40);
        BgrImage bled = new InkBleed.Params(0.5f).apply(paper);
        assertEquals(40, bled.get(3, 3, 1), "the dot itself keeps its ink");
        assertEquals(140, bled.get(2, 4, 1), "a neighbour goes halfway to the dot's darkness");
        assertEquals(240, bled.get(0, 0, 1), "open paper stays white");
        assertEquals(240, bled.get(3, 3, 0), "other channels have no ink there");
    }
}
