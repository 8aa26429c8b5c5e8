package vigil.data.augment.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vigil.data.augment.TestImages;
import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/** Cut-photo attacks: eye holes show the shifted, shaded scene behind, ringed by the cut edge; an oval cut shows the background. */
class PaperCutoutTest {
    private static final int W = 200;
    private static final int H = 200;

    /** Holes at (0.35, 0.4) and (0.65, 0.4) of a 200x200 image, 14 x 9 px half-axes, rim 1.5 px, parallax (6, -4) px. */
    private static PaperCutout.Params holes(boolean outline) {
        return new PaperCutout.Params(0.35f, 0.65f, 0.4f, 0.07f, 0.045f, 0.03f, -0.02f, 0.6f, 1.5f, outline,
                0.4f, 0.48f, 10, 20, 30);
    }

    /** A gradient that differs at every pixel, so a shift shows. */
    private static BgrImage gradient() {
        BgrImage im = new BgrImage(W, H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                im.set(x, y, 0, x);
                im.set(x, y, 1, y);
                im.set(x, y, 2, 100);
            }
        }
        return im;
    }

    @Test
    void holeShowsTheSceneShiftedByTheParallaxAndShaded() {
        BgrImage in = gradient();
        BgrImage out = holes(false).apply(in);
        // Hole centres at (70, 80) and (130, 80); parallax shifts the scene by (+6, -4) px.
        for (int cx : new int[] {70, 130}) {
            for (int[] d : new int[][] {{0, 0}, {-8, 3}, {9, -4}}) {
                int x = cx + d[0];
                int y = 80 + d[1];
                assertEquals(Math.round(0.6f * (x - 6)), out.get(x, y, 0), "B at (" + x + ", " + y + ")");
                assertEquals(Math.round(0.6f * (y + 4)), out.get(x, y, 1), "G at (" + x + ", " + y + ")");
                assertEquals(Math.round(0.6f * 100), out.get(x, y, 2));
            }
        }
    }

    /**
     * On a flat image exactly the holes and their rims change: the changed area is two ellipses of half-axes
     * (14 + 1.5) x (9 + 1.5) px = 1022.6 px, within 4% (pixel-centre sampling of an ellipse boundary of
     * about 82 px perimeter each errs by a fraction of the boundary pixels).
     */
    @Test
    void onlyHolesAndTheirCutEdgesChange() {
        BgrImage in = TestImages.flat(W, H, 90, 120, 150);
        BgrImage out = holes(false).apply(in);
        int changed = 0;
        int edge = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                if (out.get(x, y, 0) != 90 || out.get(x, y, 1) != 120 || out.get(x, y, 2) != 150) {
                    changed++;
                    assertTrue(Math.abs(y - 80) <= 11, "change far from the eye line at (" + x + ", " + y + ")");
                }
                if (out.get(x, y, 1) == PaperCutout.EDGE) {
                    edge++;
                }
            }
        }
        double expected = 2 * Math.PI * 15.5 * 10.5;
        assertEquals(expected, changed, 0.04 * expected);
        // The cut edge is a ring: its area is the difference of the two ellipses, 2 pi (15.5 * 10.5 - 14 * 9).
        double ring = 2 * Math.PI * (15.5 * 10.5 - 14 * 9);
        assertEquals(ring, edge, 0.2 * ring);
    }

    @Test
    void outlineCutShowsTheBackgroundOutsideTheFaceOval() {
        BgrImage in = TestImages.flat(W, H, 90, 120, 150);
        BgrImage out = holes(true).apply(in);
        // Oval half-axes 80 x 96 px about (100, 100): corners and the far sides are outside, the forehead inside.
        for (int[] p : new int[][] {{2, 2}, {197, 3}, {5, 100}, {100, 198}, {190, 190}}) {
            assertEquals(10, out.get(p[0], p[1], 0), "B at " + p[0] + ", " + p[1]);
            assertEquals(20, out.get(p[0], p[1], 1));
            assertEquals(30, out.get(p[0], p[1], 2));
        }
        assertEquals(120, out.get(100, 40, 1), "inside the oval and away from the holes nothing changes");
        assertEquals(PaperCutout.EDGE, out.get(100, 100 + 95, 1), "the cut line just inside the oval");
    }

    @Test
    void drawnParametersStayInTheirRangesAndAreRecorded() {
        PaperCutout op = PaperCutout.fromArgs(vigil.data.augment.OpArgs.none("paper_cutout"));
        int outlines = 0;
        for (int i = 0; i < 200; i++) {
            PaperCutout.Params p = op.draw(new Rng(i));
            assertTrue(p.rightX() - p.leftX() >= 0.24f - 1e-6 && p.rightX() - p.leftX() <= 0.34f + 1e-6);
            assertTrue(p.holeRy() < p.holeRx(), "holes are wider than tall: " + p);
            assertTrue(p.toString().contains("parallaxX="), "the record prints its parameters");
            outlines += p.outline() ? 1 : 0;
        }
        // outline chance 0.5: 100 of 200 expected, binomial sd 7; 5 sd either side.
        assertTrue(outlines > 65 && outlines < 135, "outline cuts " + outlines);
    }
}
