package vigil.data.augment;

import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/**
 * Warms (warmth > 0: red up, blue down) or cools (warmth < 0) the image by opposite gains on R and
 * B, green untouched: light of another colour temperature.
 */
public record ColourTemperature(Range warmth) implements AugmentOp {
    public ColourTemperature {
        warmth.requireWithin("warmth", -1, 1);
    }

    public static ColourTemperature fromArgs(OpArgs args) {
        return new ColourTemperature(args.range("warmth", new Range(-0.15f, 0.15f)));
    }

    @Override
    public String name() {
        return "temperature";
    }

    @Override
    public Params draw(Rng rng) {
        return new Params(warmth.draw(rng));
    }

    /** R gains (1 + warmth), B gains (1 - warmth). */
    public record Params(float warmth) implements OpParams {
        @Override
        public BgrImage apply(BgrImage image) {
            byte[] in = image.data();
            byte[] out = new byte[in.length];
            byte[] blue = new byte[256];
            byte[] red = new byte[256];
            for (int v = 0; v < 256; v++) {
                blue[v] = PixelMath.toByte(v * (1 - warmth));
                red[v] = PixelMath.toByte(v * (1 + warmth));
            }
            for (int p = 0; p < in.length; p += 3) {
                out[p] = blue[in[p] & 0xff];
                out[p + 1] = in[p + 1];
                out[p + 2] = red[in[p + 2] & 0xff];
            }
            return new BgrImage(image.width(), image.height(), out);
        }
    }
}
