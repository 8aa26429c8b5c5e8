package vigil.data.augment;

import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/**
 * Low light: out = 255 * scale * (in / 255)^gamma with scale <= 1 and gamma >= 1, so the whole image
 * dims and the shadows sink further than the highlights. Never brightens a pixel.
 */
public record Darken(Range scale, Range gamma) implements AugmentOp {
    public Darken {
        scale.requireWithin("darken scale", 0, 1);
        gamma.requireWithin("darken gamma", 1, 10);
    }

    public static Darken fromArgs(OpArgs args) {
        return new Darken(args.range("scale", new Range(0.4f, 0.9f)), args.range("gamma", new Range(1, 1.6f)));
    }

    @Override
    public String name() {
        return "darken";
    }

    @Override
    public Params draw(Rng rng) {
        return new Params(scale.draw(rng), gamma.draw(rng));
    }

    public record Params(float scale, float gamma) implements OpParams {
        @Override
        public BgrImage apply(BgrImage image) {
            byte[] table = new byte[256];
            for (int v = 0; v < 256; v++) {
                table[v] = PixelMath.toByte((float) (255 * scale * Math.pow(v / 255.0, gamma)));
            }
            return Lut.apply(image, table);
        }
    }
}
