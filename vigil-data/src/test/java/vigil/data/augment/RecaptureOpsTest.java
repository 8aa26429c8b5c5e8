package vigil.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vigil.data.image.BgrImage;

/** Recapture artefacts: each op's defining property on synthetic images. */
class RecaptureOpsTest {
    private final BgrImage natural = TestImages.natural(64, 48, 7);

    @Test
    void gaussianNoiseHasTheRequestedSigmaAndZeroMean() {
        BgrImage grey = TestImages.flat(200, 200, 128, 128, 128);
        BgrImage noisy = new GaussianNoise.Params(6, 42).apply(grey);
        for (int c = 0; c < 3; c++) {
            // 40,000 values per channel: the mean's standard error is 0.03; allow 5 of them.
            assertEquals(128, TestImages.mean(noisy, c), 0.15, "mean of channel " + c);
            // Rounding to integers adds 1/12 of variance: sqrt(36 + 1/12) = 6.007.
            assertEquals(6.0, TestImages.std(noisy, c), 0.1, "std of channel " + c);
        }
    }

    @Test
    void chromaShiftLeavesLumaUnchangedAndMovesChroma() {
        BgrImage shifted = new ChromaShift.Params(3, -2).apply(natural);
        int changedChroma = 0;
        for (int y = 0; y < natural.height(); y++) {
            for (int x = 0; x < natural.width(); x++) {
                double y0 = luma(natural, x, y);
                double y1 = luma(shifted, x, y);
                // Each channel rounds by at most 0.5, so luma moves by at most 0.5 (weights sum to 1).
                assertEquals(y0, y1, 0.5 + 1e-4, "luma at (" + x + ", " + y + ")");
                if (Math.abs(natural.get(x, y, 0) - shifted.get(x, y, 0)) > 2) {
                    changedChroma++;
                }
            }
        }
        assertTrue(changedChroma > natural.width() * natural.height() / 4, "chroma moved at " + changedChroma + " pixels");
        // U at (x, y) after the shift is U at (x - 3, y + 2) before (away from borders), within rounding.
        assertEquals(u(natural, 10, 12), u(shifted, 13, 10), 1.0);
    }

    private static double luma(BgrImage im, int x, int y) {
        return 0.114 * im.get(x, y, 0) + 0.587 * im.get(x, y, 1) + 0.299 * im.get(x, y, 2);
    }

    private static double u(BgrImage im, int x, int y) {
        return 0.492 * (im.get(x, y, 0) - luma(im, x, y));
    }

    @Test
    void downUpResizeRemovesFineDetailButKeepsFlatAreas() {
        BgrImage checker = checkerboard(32, 32);
        BgrImage blurred = new DownUpResize.Params(0.5f).apply(checker);
        // A 1-pixel checkerboard averages to grey at half size, so its contrast disappears.
        assertTrue(TestImages.std(blurred, 1) < 0.1 * TestImages.std(checker, 1), "std " + TestImages.std(blurred, 1));
        BgrImage flat = TestImages.flat(32, 32, 10, 100, 200);
        assertArrayEquals(flat.data(), new DownUpResize.Params(0.37f).apply(flat).data());
    }

    private static BgrImage checkerboard(int w, int h) {
        BgrImage im = new BgrImage(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    im.set(x, y, c, (x + y) % 2 == 0 ? 0 : 200);
                }
            }
        }
        return im;
    }

    @Test
    void averageBlurIsTheBoxMeanWithReplicatedBorder() {
        BgrImage blurred = new AverageBlur.Params(3).apply(natural);
        int sum = 0;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                sum += natural.get(20 + dx, 30 + dy, 2);
            }
        }
        assertEquals(Math.round(sum / 9f), blurred.get(20, 30, 2));
        // Corner: replicate border repeats the corner row and column.
        int corner = 4 * natural.get(0, 0, 1) + 2 * natural.get(1, 0, 1) + 2 * natural.get(0, 1, 1) + natural.get(1, 1, 1);
        assertEquals(Math.round(corner / 9f), blurred.get(0, 0, 1));
    }

    @Test
    void horizontalMotionBlurSmearsAlongRowsOnly() {
        // Horizontal stripes are constant along x, so a blur along x must leave them exactly alone.
        BgrImage stripes = new BgrImage(20, 20);
        BgrImage column = new BgrImage(20, 20);
        for (int y = 0; y < 20; y++) {
            for (int c = 0; c < 3; c++) {
                for (int x = 0; x < 20; x++) {
                    stripes.set(x, y, c, y % 3 == 0 ? 250 : 10);
                }
                column.set(10, y, c, 210);
            }
        }
        MotionBlur.Params horizontal = new MotionBlur.Params(7, 0);
        assertArrayEquals(stripes.data(), horizontal.apply(stripes).data());
        BgrImage smeared = horizontal.apply(column);
        for (int x = 7; x <= 13; x++) {
            assertEquals(30, smeared.get(x, 5, 0), "pixel " + x + " of the smeared column");
        }
        assertEquals(0, smeared.get(6, 5, 0));
        // At 90 degrees the same column is constant along the blur and stays sharp.
        assertArrayEquals(column.data(), new MotionBlur.Params(7, 90).apply(column).data());
    }

    @Test
    void jpegAtQualityOneLosesMoreThanAtNinetyFive() {
        double low = TestImages.psnr(natural, new JpegReencode.Params(1).apply(natural));
        double high = TestImages.psnr(natural, new JpegReencode.Params(95).apply(natural));
        assertTrue(high > 30, "q=95 PSNR " + high);
        assertTrue(low < high - 8, "q=1 PSNR " + low + " vs q=95 " + high);
    }

    @Test
    void sensorNoiseIsStrongerInHighlightsThanInShadows() {
        SensorNoise.Params noise = new SensorNoise.Params(0.3f, 1, 17);
        BgrImage dark = noise.apply(TestImages.flat(100, 100, 20, 20, 20));
        BgrImage bright = noise.apply(TestImages.flat(100, 100, 200, 200, 200));
        // sigma = sqrt(0.3 v + 1): 2.65 at 20, 7.81 at 200 (plus rounding's 1/12 variance).
        assertEquals(Math.sqrt(0.3 * 20 + 1 + 1 / 12.0), TestImages.std(dark, 0), 0.1);
        assertEquals(Math.sqrt(0.3 * 200 + 1 + 1 / 12.0), TestImages.std(bright, 0), 0.2);
        assertEquals(200, TestImages.mean(bright, 0), 0.25);
    }
}
