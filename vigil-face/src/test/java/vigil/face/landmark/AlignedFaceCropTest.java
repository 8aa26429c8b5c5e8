package vigil.face.landmark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import vigil.data.image.BgrImage;

class AlignedFaceCropTest {
    private static final double SIGMA = 5;

    // A black image with a Gaussian spot (sigma 5 px, peak 250) centred on each sub-pixel eye: the spots'
    // brightness centroids are the eyes, and stay where the eyes land after a similarity warp (which maps
    // a round Gaussian to a round Gaussian) up to bilinear and 8-bit rounding.
    private static BgrImage imageWithEyes(double[] left, double[] right) {
        BgrImage image = new BgrImage(220, 200);
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                double v = 0;
                for (double[] e : new double[][] {left, right}) {
                    double r2 = (x - e[0]) * (x - e[0]) + (y - e[1]) * (y - e[1]);
                    v += 250 * Math.exp(-r2 / (2 * SIGMA * SIGMA));
                }
                for (int c = 0; c < 3; c++) {
                    image.set(x, y, c, (int) Math.round(Math.min(255, v)));
                }
            }
        }
        return image;
    }

    // Brightness centroid over a (2r+1)^2 window around (cx, cy), in the pixel-centre convention.
    private static double[] centroid(BgrImage image, double cx, double cy, int r) {
        double sum = 0;
        double sx = 0;
        double sy = 0;
        for (int v = (int) Math.round(cy) - r; v <= (int) Math.round(cy) + r; v++) {
            for (int u = (int) Math.round(cx) - r; u <= (int) Math.round(cx) + r; u++) {
                double w = image.get(u, v, 1);
                sum += w;
                sx += w * u;
                sy += w * v;
            }
        }
        return new double[] {sx / sum, sy / sum};
    }

    @Test
    void eyeCentresLandOnTheirTargetsWithinHalfAPixel() {
        // Rolled by 20 degrees, 60 px apart, at sub-pixel positions; the targets are like the benchmark's at 160
        // (eyes 23.7 px apart), so the warp rotates, shrinks by 2.53 and translates.
        double[] left = {71.3, 92.7};
        double angle = Math.toRadians(20);
        double[] right = {left[0] + 60 * Math.cos(angle), left[1] + 60 * Math.sin(angle)};
        BgrImage out = AlignedFaceCrop.crop(imageWithEyes(left, right), left, right, 160, 67.65, 91.35, 73.57);
        // Output spots have sigma 5 / 2.53 = 2 px: a 15x15 window holds them and none of the other spot.
        double[] l = centroid(out, 67.65, 73.57, 7);
        double[] r = centroid(out, 91.35, 73.57, 7);
        assertEquals(67.65, l[0], 0.5);
        assertEquals(73.57, l[1], 0.5);
        assertEquals(91.35, r[0], 0.5);
        assertEquals(73.57, r[1], 0.5);
    }

    @Test
    void targetsEqualToTheEyesCopyTheImage() {
        // Identity transform: every output pixel samples exactly one input pixel centre.
        BgrImage image = imageWithEyes(new double[] {40, 50}, new double[] {90, 50});
        BgrImage out = AlignedFaceCrop.crop(image, new double[] {40, 50}, new double[] {90, 50}, 120, 40, 90, 50);
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 120; x++) {
                assertEquals(image.get(x, y, 0), out.get(x, y, 0), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void eyeCentresAreTheMeansOfTheSixEyePoints() {
        float[] points = new float[FaceLandmarks.POINTS * 2];
        double[] expected = {0, 0, 0, 0};
        for (int i = 0; i < 6; i++) {
            points[2 * (36 + i)] = 10 + i;
            points[2 * (36 + i) + 1] = 20 + 2 * i;
            points[2 * (42 + i)] = 50 + 3 * i;
            points[2 * (42 + i) + 1] = 21 - i;
            expected[0] += (10 + i) / 6.0;
            expected[1] += (20 + 2 * i) / 6.0;
            expected[2] += (50 + 3 * i) / 6.0;
            expected[3] += (21 - i) / 6.0;
        }
        FaceLandmarks face = new FaceLandmarks(0, 0, 100, 100, 1, points);
        double[] l = AlignedFaceCrop.leftEyeCentre(face);
        double[] r = AlignedFaceCrop.rightEyeCentre(face);
        // float inputs, double sums of six terms: exact to 1e-9
        assertArrayEquals(new double[] {expected[0], expected[1], expected[2], expected[3]},
                new double[] {l[0], l[1], r[0], r[1]}, 1e-9);
    }
}
