package vigil.data.augment.attack;

import vigil.data.augment.AugmentOp;
import vigil.data.augment.OpArgs;
import vigil.data.augment.OpParams;
import vigil.data.augment.Range;
import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/**
 * A live face shown on a screen and filmed again: the screen's tone curve (gamma, raised black,
 * tinted white point), its pixel grid of R, G, B subpixel stripes with dark gaps, sampled by the
 * camera at its own pixel pitch so the two grids beat into moiré, and a specular glare spot.
 * All parameters are drawn per sample and recorded in {@link Params}.
 */
public record ReplayAttack(Range pitch, Range angle, Range gridDepth, Range gamma, Range black, Range whiteTint,
                           Range glare) implements AugmentOp {
    public ReplayAttack {
        pitch.requireWithin("screen pixel pitch", 0.5f, 8);
        gridDepth.requireWithin("grid depth", 0, 1);
        gamma.requireWithin("screen gamma", 0.3f, 3);
        black.requireWithin("screen black", 0, 80);
        whiteTint.requireWithin("white tint", -40, 40);
        glare.requireWithin("glare strength", 0, 1);
    }

    public static ReplayAttack fromArgs(OpArgs args) {
        return new ReplayAttack(args.range("pitch", new Range(0.9f, 1.4f)), args.range("angle", new Range(-5, 5)),
                args.range("grid", new Range(0.1f, 0.35f)), args.range("gamma", new Range(0.8f, 1.25f)),
                args.range("black", new Range(5, 25)), args.range("tint", new Range(-15, 15)),
                args.range("glare", new Range(0, 0.35f)));
    }

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public Params draw(Rng rng) {
        float tint = whiteTint.draw(rng);
        return new Params(pitch.draw(rng), angle.draw(rng), gridDepth.draw(rng), gamma.draw(rng), black.draw(rng),
                Math.min(255, 245 + tint), 245, Math.min(255, 245 - tint),
                rng.nextFloat(), rng.nextFloat(), 0.1f + 0.3f * rng.nextFloat(), glare.draw(rng));
    }

    /**
     * pitch: screen pixel size in image pixels; angle: screen grid rotation in degrees; grid: how
     * dark subpixel gaps are (0 none, 1 black); gamma and black: the screen's tone curve; whiteB/G/R:
     * its white point; glareX/Y: glare centre as fractions of the image; glareRadius: as a fraction
     * of the larger side; glare: peak added brightness as a fraction of 255.
     */
    public record Params(float pitch, float angle, float grid, float gamma, float black, float whiteB, float whiteG,
                         float whiteR, float glareX, float glareY, float glareRadius, float glare) implements OpParams {
        @Override
        public BgrImage apply(BgrImage image) {
            int w = image.width();
            int h = image.height();
            byte[] in = image.data();
            float[] white = {whiteB, whiteG, whiteR};
            float[][] tone = new float[3][256];
            for (int c = 0; c < 3; c++) {
                for (int v = 0; v < 256; v++) {
                    tone[c][v] = black + (white[c] - black) * (float) Math.pow(v / 255.0, gamma);
                }
            }
            double t = Math.toRadians(angle);
            double cos = Math.cos(t);
            double sin = Math.sin(t);
            double sigma = glareRadius * Math.max(w, h);
            double gx = glareX * (w - 1);
            double gy = glareY * (h - 1);
            byte[] out = new byte[in.length];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    // Position inside the screen pixel (0..1 across, 0..1 down), point-sampled at the camera pixel centre.
                    double u = (x * cos + y * sin) / pitch;
                    double v = (-x * sin + y * cos) / pitch;
                    double fu = u - Math.floor(u);
                    double fv = v - Math.floor(v);
                    boolean rowGap = fv > 0.85;
                    double r2 = (x - gx) * (x - gx) + (y - gy) * (y - gy);
                    float spot = glare == 0 ? 0 : (float) (255 * glare * Math.exp(-r2 / (2 * sigma * sigma)));
                    int p = (y * w + x) * 3;
                    for (int c = 0; c < 3; c++) {
                        // Subpixel stripes left to right R, G, B: channel c lights the third (2 - c) / 3 .. (3 - c) / 3.
                        int third = Math.min(2, (int) (fu * 3));
                        boolean lit = third == 2 - c && !rowGap;
                        float shown = tone[c][in[p + c] & 0xff] * (lit ? 1 : 1 - grid);
                        out[p + c] = (byte) Math.max(0, Math.min(255, Math.round(shown + spot)));
                    }
                }
            }
            return new BgrImage(w, h, out);
        }
    }
}
