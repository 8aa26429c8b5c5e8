package vigil.data.augment.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vigil.data.augment.TestImages;
import vigil.data.image.BgrImage;

/** Replay synthesis: the screen grid beats with the camera grid (moiré); tone curve and glare. */
class ReplayAttackTest {
    private static ReplayAttack.Params screen(float pitch, float grid, float glare) {
        return new ReplayAttack.Params(pitch, 0, grid, 1, 10, 240, 245, 250, 0.5f, 0.5f, 0.2f, glare);
    }

    @Test
    void screenGridAtNearCameraPitchAddsALowFrequencyBeat() {
        // Pitch 1.1 px beats with the 1 px camera grid at 1 - 1/1.1 = 1/11 cycles per pixel: bin 10 of 110.
        BgrImage grey = TestImages.flat(110, 8, 128, 128, 128);
        BgrImage noGrid = screen(1.1f, 0, 0).apply(grey);
        BgrImage grid = screen(1.1f, 0.5f, 0).apply(grey);
        double before = TestImages.dftMagnitude(TestImages.row(noGrid, 2, 1), 10);
        double after = TestImages.dftMagnitude(TestImages.row(grid, 2, 1), 10);
        assertTrue(before < 0.5, "flat screen has no beat: " + before);
        assertTrue(after > 10, "beat magnitude " + after);
        assertTrue(after > 5 * TestImages.dftMagnitude(TestImages.row(grid, 2, 1), 4), "beat is at 1/11, not elsewhere");
    }

    @Test
    void toneCurveMapsBlackToScreenBlackAndWhiteToWhitePoint() {
        BgrImage white = screen(1.1f, 0, 0).apply(TestImages.flat(3, 3, 255, 255, 255));
        assertEquals(240, white.get(1, 1, 0));
        assertEquals(250, white.get(1, 1, 2));
        BgrImage black = screen(1.1f, 0, 0).apply(TestImages.flat(3, 3, 0, 0, 0));
        assertEquals(10, black.get(1, 1, 1));
    }

    @Test
    void glareBrightensTheCentreMostAndFadesOutward() {
        BgrImage grey = TestImages.flat(41, 41, 100, 100, 100);
        BgrImage glared = screen(1.1f, 0, 0.3f).apply(grey);
        BgrImage plain = screen(1.1f, 0, 0).apply(grey);
        int centre = glared.get(20, 20, 1) - plain.get(20, 20, 1);
        int edge = glared.get(0, 20, 1) - plain.get(0, 20, 1);
        assertEquals(Math.round(255 * 0.3f), centre, 1);
        assertTrue(edge < centre / 2 && edge >= 0, "edge " + edge + " centre " + centre);
    }

    @Test
    void refreshBandingModulatesRowsAtItsPeriod() {
        BgrImage grey = TestImages.flat(4, 64, 200, 200, 200);
        BgrImage banded = new RefreshBanding.Params(16, 0.2f, 0).apply(grey);
        double[] column = new double[64];
        for (int y = 0; y < 64; y++) {
            column[y] = banded.get(1, y, 1);
        }
        // Gain 1 - 0.2 (0.5 + 0.5 sin): a sine of amplitude 0.1 * 200 = 20 levels, so |DFT| = 10 at bin 64 / 16.
        assertEquals(10, TestImages.dftMagnitude(column, 4), 0.5);
        assertTrue(TestImages.dftMagnitude(column, 7) < 0.5, "no energy away from the banding frequency");
        for (int x = 0; x < 4; x++) {
            assertEquals(banded.get(0, 9, 1), banded.get(x, 9, 1), "bands are horizontal");
        }
    }

    @Test
    void bezelDarkensOnlyTheBorderBands() {
        BgrImage face = TestImages.natural(50, 40, 2);
        // 10% left (5 px), none on top, 20% right (10 px), 10% bottom (4 px), shade 20.
        BgrImage out = new ScreenBezel.Params(0.1f, 0, 0.2f, 0.1f, 20).apply(face);
        assertEquals(20, out.get(0, 10, 0));
        assertEquals(80, out.get(4, 10, 0), "the rim just outside the screen is lighter");
        assertEquals(20, out.get(45, 38, 2));
        for (int c = 0; c < 3; c++) {
            assertEquals(face.get(5, 0, c), out.get(5, 0, c), "no top bezel");
            assertEquals(face.get(39, 35, c), out.get(39, 35, c), "screen content untouched");
        }
    }

    @Test
    void backlightBleedLiftsEdgesMoreThanTheMiddle() {
        BgrImage black = TestImages.flat(40, 40, 0, 0, 0);
        BgrImage lit = new BacklightBleed.Params(0.2f, 0.1f).apply(black);
        assertEquals(Math.round(0.2f * 255), lit.get(0, 20, 1), "an edge pixel gains the full strength");
        // 4 px in, with extent 0.1 * 40 = 4 px: exp(-1) of it.
        assertEquals(Math.round(0.2 * Math.exp(-1) * 255), lit.get(4, 20, 1));
        assertEquals(0, lit.get(20, 20, 1), "the middle stays dark");
        BgrImage white = TestImages.flat(4, 4, 255, 255, 255);
        assertEquals(255, new BacklightBleed.Params(0.2f, 0.1f).apply(white).get(0, 0, 2), "white cannot brighten");
    }
}
