package vigil.data.augment.attack;

import vigil.data.augment.AugmentOp;
import vigil.data.augment.OpArgs;
import vigil.data.augment.OpParams;
import vigil.data.augment.Range;
import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/**
 * A printed photo of a live face, as a camera would see it: the colours squeezed into the
 * printer's gamut (ink black to paper white, less saturated), an amplitude-modulated dot screen
 * (halftone) at the printer's screen period and angle, and a low-frequency paper texture.
 * All parameters are drawn per sample and recorded in {@link Params}.
 */
public record PrintAttack(Range dotPeriod, Range screenAngle, Range halftone, Range inkBlack, Range paperTint,
                          Range saturation, Range texture) implements AugmentOp {
    public PrintAttack {
        dotPeriod.requireWithin("dot period", 2, 32);
        halftone.requireWithin("halftone strength", 0, 1);
        inkBlack.requireWithin("ink black", 0, 128);
        paperTint.requireWithin("paper tint", -40, 40);
        saturation.requireWithin("print saturation", 0, 1);
        texture.requireWithin("paper texture", 0, 0.5f);
    }

    public static PrintAttack fromArgs(OpArgs args) {
        return new PrintAttack(args.range("period", new Range(3, 6)), args.range("angle", new Range(0, 90)),
                args.range("halftone", new Range(0.25f, 0.6f)), args.range("ink", new Range(15, 45)),
                args.range("tint", new Range(-12, 12)), args.range("saturation", new Range(0.6f, 0.9f)),
                args.range("texture", new Range(0.01f, 0.05f)));
    }

    @Override
    public String name() {
        return "print";
    }

    @Override
    public Params draw(Rng rng) {
        float ink = inkBlack.draw(rng);
        // Paper is a little off-white: warm or cool by one tint, kept below 255 so highlights lose headroom.
        float tint = paperTint.draw(rng);
        float white = 235 + 15 * rng.nextFloat();
        return new Params(dotPeriod.draw(rng), screenAngle.draw(rng), halftone.draw(rng), ink,
                Math.min(255, white - tint), white, Math.min(255, white + tint), saturation.draw(rng), texture.draw(rng), rng.nextLong());
    }

    /**
     * period: dot screen period in image pixels; angle: screen angle in degrees; halftone: 0 (none)
     * .. 1 (pure binary dots) blend; ink: the darkest printable level; paperB/G/R: paper white;
     * saturation: kept fraction of chroma; texture: relative amplitude of the paper texture; seed: texture field.
     */
    public record Params(float period, float angle, float halftone, float ink, float paperB, float paperG,
                         float paperR, float saturation, float texture, long seed) implements OpParams {
        @Override
        public BgrImage apply(BgrImage image) {
            int w = image.width();
            int h = image.height();
            byte[] in = image.data();
            float[] paper = {paperB, paperG, paperR};
            float[] grain = PaperTexture.field(w, h, seed);
            double t = Math.toRadians(angle);
            double cos = Math.cos(t);
            double sin = Math.sin(t);
            double freq = 2 * Math.PI / period;
            byte[] out = new byte[in.length];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = (y * w + x) * 3;
                    // Dot screen threshold in 0..1: a grid of round dots along the rotated axes.
                    double u = x * cos + y * sin;
                    double v = -x * sin + y * cos;
                    float threshold = (float) (0.5 + 0.25 * (Math.cos(freq * u) + Math.cos(freq * v)));
                    float grey = 0.114f * (in[p] & 0xff) + 0.587f * (in[p + 1] & 0xff) + 0.299f * (in[p + 2] & 0xff);
                    float shade = 1 + texture * grain[y * w + x];
                    for (int c = 0; c < 3; c++) {
                        float value = grey + saturation * ((in[p + c] & 0xff) - grey);
                        float printed = ink + (paper[c] - ink) * value / 255f;
                        float coverage = 1 - (printed - ink) / (paper[c] - ink);
                        float dot = coverage > threshold ? ink : paper[c];
                        float mixed = printed + halftone * (dot - printed);
                        int r = Math.round(mixed * shade);
                        out[p + c] = (byte) Math.max(0, Math.min(255, r));
                    }
                }
            }
            return new BgrImage(w, h, out);
        }
    }
}
