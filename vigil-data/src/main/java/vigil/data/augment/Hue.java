package vigil.data.augment;

import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/** Rotates hue by a number of degrees in HSV, keeping saturation and value: a colour cast of another light or screen. */
public record Hue(Range degrees) implements AugmentOp {
    public Hue {
        degrees.requireWithin("hue shift", -180, 180);
    }

    public static Hue fromArgs(OpArgs args) {
        return new Hue(args.range("degrees", new Range(-15, 15)));
    }

    @Override
    public String name() {
        return "hue";
    }

    @Override
    public Params draw(Rng rng) {
        return new Params(degrees.draw(rng));
    }

    /** degrees: +120 takes red to green, green to blue. */
    public record Params(float degrees) implements OpParams {
        @Override
        public BgrImage apply(BgrImage image) {
            byte[] in = image.data();
            byte[] out = new byte[in.length];
            float shift = degrees / 60f;
            for (int p = 0; p < in.length; p += 3) {
                float b = PixelMath.u8(in[p]);
                float g = PixelMath.u8(in[p + 1]);
                float r = PixelMath.u8(in[p + 2]);
                float max = Math.max(r, Math.max(g, b));
                float min = Math.min(r, Math.min(g, b));
                float chroma = max - min;
                if (chroma == 0) {
                    out[p] = in[p];
                    out[p + 1] = in[p + 1];
                    out[p + 2] = in[p + 2];
                    continue;
                }
                // Hue in sextants 0..6 (0 red, 2 green, 4 blue).
                float h;
                if (max == r) {
                    h = (g - b) / chroma;
                } else if (max == g) {
                    h = 2 + (b - r) / chroma;
                } else {
                    h = 4 + (r - g) / chroma;
                }
                // Wrap into [0, 6) by comparisons: float % is slow and h + shift is within (-4, 9).
                h += shift;
                if (h < 0) {
                    h += 6;
                } else if (h >= 6) {
                    h -= 6;
                }
                float x = chroma * (1 - Math.abs(h - 2 * (int) (h / 2) - 1));
                float r1;
                float g1;
                float b1;
                switch ((int) h) {
                    case 0 -> { r1 = chroma; g1 = x; b1 = 0; }
                    case 1 -> { r1 = x; g1 = chroma; b1 = 0; }
                    case 2 -> { r1 = 0; g1 = chroma; b1 = x; }
                    case 3 -> { r1 = 0; g1 = x; b1 = chroma; }
                    case 4 -> { r1 = x; g1 = 0; b1 = chroma; }
                    default -> { r1 = chroma; g1 = 0; b1 = x; }
                }
                out[p] = PixelMath.toByte(b1 + min);
                out[p + 1] = PixelMath.toByte(g1 + min);
                out[p + 2] = PixelMath.toByte(r1 + min);
            }
            return new BgrImage(image.width(), image.height(), out);
        }
    }
}
