package vigil.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import vigil.data.image.BgrImage;

/** Geometric ops move the image and its dense target together and exactly. */
class GeometricOpsTest {
    /** An image and a target that both encode the x coordinate: aligned when they agree everywhere. */
    private static BgrImage xImage(int w, int h) {
        BgrImage im = new BgrImage(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                im.set(x, y, 0, 4 * x);
                im.set(x, y, 1, 4 * y);
                im.set(x, y, 2, 0);
            }
        }
        return im;
    }

    private static DenseMap xTarget(int w, int h) {
        float[] v = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v[y * w + x] = 4 * x;
            }
        }
        return new DenseMap(w, h, v);
    }

    private static void assertAligned(BgrImage image, DenseMap target) {
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                assertEquals(target.get(x, y), image.get(x, y, 0), 0.5 + 1e-3, "image vs target at (" + x + ", " + y + ")");
            }
        }
    }

    @Test
    void flipMirrorsImageAndTargetTogether() {
        BgrImage image = xImage(9, 5);
        DenseMap target = xTarget(9, 5);
        HorizontalFlip.Params flip = new HorizontalFlip.Params();
        BgrImage flipped = flip.apply(image);
        DenseMap flippedTarget = flip.applyToTarget(target);
        assertEquals(4 * 8, flipped.get(0, 2, 0));
        assertEquals(4 * 4, flipped.get(3, 4, 1), "rows do not move");
        assertAligned(flipped, flippedTarget);
        assertArrayEquals(image.data(), flip.apply(flipped).data(), "flip twice is the identity");
    }

    @Test
    void cropStretchesTheWindowAndKeepsTargetAligned() {
        BgrImage image = xImage(40, 30);
        DenseMap target = xTarget(40, 30);
        RandomResizedCrop.Params crop = new RandomResizedCrop.Params(0.25f, 0.1f, 0.5f, 0.6f);
        BgrImage out = crop.apply(image);
        assertAligned(out, crop.applyToTarget(target));
        // Output x maps to 10 + (x + 0.5) * 0.5 - 0.5: the window's left quarter becomes the whole width.
        assertEquals(4 * (10 + 0.5 * 0.5 - 0.5), out.get(0, 10, 0), 0.5);
        assertEquals(4 * (10 + 39.5 * 0.5 - 0.5), out.get(39, 10, 0), 0.5);
    }

    @Test
    void fullWindowCropIsTheIdentity() {
        BgrImage image = TestImages.natural(23, 17, 1);
        assertArrayEquals(image.data(), new RandomResizedCrop.Params(0, 0, 1, 1).apply(image).data());
    }

    @Test
    void rotationByNinetyDegreesTurnsContentCounterClockwise() {
        BgrImage image = new BgrImage(5, 5);
        image.set(4, 2, 0, 200); // right of centre
        DenseMap target = new DenseMap(5, 5, new float[25]);
        target.values()[2 * 5 + 4] = 200;
        SmallRotation.Params turn = new SmallRotation.Params(90);
        BgrImage out = turn.apply(image);
        assertEquals(200, out.get(2, 0, 0), "right of centre moves to the top");
        assertEquals(0, out.get(4, 2, 0));
        assertEquals(200, turn.applyToTarget(target).get(2, 0), 1e-3);
    }

    @Test
    void smallRotationKeepsTargetAlignedWithImage() {
        BgrImage image = xImage(30, 30);
        SmallRotation.Params turn = new SmallRotation.Params(7.5f);
        assertAligned(turn.apply(image), turn.applyToTarget(xTarget(30, 30)));
    }

    @Test
    void perspectiveMovesEachCornerWhereItsParametersSay() {
        BgrImage image = new BgrImage(41, 41);
        image.set(4, 8, 1, 250); // top-left corner moved by (0.1 W, 0.2 H) rounded: (4.1, 8.2) -> nearest (4, 8)
        Perspective.Params p = new Perspective.Params(0.1f * 40 / 41, 0.2f * 40 / 41, 0, 0, 0, 0, 0, 0);
        assertEquals(250, p.apply(image).get(0, 0, 1));
        BgrImage natural = TestImages.natural(30, 20, 8);
        assertArrayEquals(natural.data(), new Perspective.Params(0, 0, 0, 0, 0, 0, 0, 0).apply(natural).data(),
                "no corner moves: identity");
    }

    @Test
    void perspectiveKeepsTargetAlignedWithImage() {
        Perspective.Params p = new Perspective.Params(0.05f, -0.03f, -0.04f, 0.02f, 0.06f, 0.05f, -0.02f, -0.06f);
        assertAligned(p.apply(xImage(40, 40)), p.applyToTarget(xTarget(40, 40)));
    }
}
