package vigil.data.augment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import vigil.data.image.BgrImage;

/** face_scale: the face box's share of the frame is multiplied by the drawn factor; a dense target moves with it. */
class FaceScaleTest {
    private static final int SIZE = 160;
    private static final int BACKGROUND = 40;
    private static final int FACE = 200;

    /** A flat face box of side x side at (left, top) on a flat background. */
    private static BgrImage box(int left, int top, int side) {
        BgrImage im = TestImages.flat(SIZE, SIZE, BACKGROUND, BACKGROUND, BACKGROUND);
        for (int y = top; y < top + side; y++) {
            for (int x = left; x < left + side; x++) {
                for (int c = 0; c < 3; c++) {
                    im.set(x, y, c, FACE);
                }
            }
        }
        return im;
    }

    /**
     * The box's share of the frame, counting each pixel by how far it lies between background and face
     * (bilinear edges count as partial coverage, so the measure is not limited to whole pixels).
     */
    private static double faceShare(BgrImage im) {
        double covered = 0;
        for (int y = 0; y < im.height(); y++) {
            for (int x = 0; x < im.width(); x++) {
                covered += (im.get(x, y, 1) - BACKGROUND) / (double) (FACE - BACKGROUND);
            }
        }
        return covered / (im.width() * im.height());
    }

    /**
     * Off-centre box, zooming out and in. Tolerance 2% relative: bilinear resampling keeps the coverage of a
     * flat box exact in the interior; the byte rounding of its edge pixels (about 4 * 40 * sqrt(f) of them,
     * each off by up to 0.5 / 160 coverage) moves the share by well under 1%.
     */
    @Test
    void faceShareIsMultipliedByTheAreaFactor() {
        BgrImage image = box(30, 50, 40);
        double before = faceShare(image);
        assertEquals(1600.0 / (SIZE * SIZE), before, 1e-9);
        for (float f : new float[] {0.4f, 0.7f, 1.3f, 1.8f}) {
            double after = faceShare(new FaceScale.Params(f).apply(image));
            assertEquals(f * before, after, 0.02 * f * before, "area factor " + f);
        }
    }

    @Test
    void zoomingOutFillsTheBorderWithTheRingColour() {
        BgrImage image = box(60, 60, 40);
        BgrImage out = new FaceScale.Params(0.25f).apply(image);
        // Linear scale 0.5 about the centre: the outer quarter on each side is new border.
        for (int c = 0; c < 3; c++) {
            assertEquals(BACKGROUND, out.get(5, 80, c));
            assertEquals(BACKGROUND, out.get(80, SIZE - 3, c));
        }
        assertEquals(FACE, out.get(80, 80, 0), "the face stays at the centre");
    }

    /** Image and target both encode x (target = 4x, image channel 0 = 4x): they agree after the op to byte rounding. */
    @Test
    void targetIsScaledExactlyLikeTheImage() {
        int w = 60;
        int h = 44;
        BgrImage image = new BgrImage(w, h);
        float[] t = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.set(x, y, 0, 4 * x);
                image.set(x, y, 1, 5 * y);
                t[y * w + x] = 4 * x;
            }
        }
        for (float f : new float[] {0.5f, 1.6f}) {
            FaceScale.Params p = new FaceScale.Params(f);
            BgrImage out = p.apply(image);
            DenseMap target = p.applyToTarget(new DenseMap(w, h, t));
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    assertEquals(target.get(x, y), out.get(x, y, 0), 0.5 + 1e-3, "f=" + f + " at (" + x + ", " + y + ")");
                }
            }
        }
    }
}
