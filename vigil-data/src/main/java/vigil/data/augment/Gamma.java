package vigil.data.augment;

import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/** out = 255 (in / 255)^gamma: a different tone curve; black and white stay fixed. */
public record Gamma(Range gamma) implements AugmentOp {
    public Gamma {
        gamma.requireWithin("gamma", 0.05f, 20);
    }

    public static Gamma fromArgs(OpArgs args) {
        return new Gamma(args.range("gamma", new Range(0.7f, 1.5f)));
    }

    @Override
    public String name() {
        return "gamma";
    }

    @Override
    public Params draw(Rng rng) {
        return new Params(gamma.draw(rng));
    }

    public record Params(float gamma) implements OpParams {
        @Override
        public BgrImage apply(BgrImage image) {
            byte[] table = new byte[256];
            for (int v = 0; v < 256; v++) {
                table[v] = PixelMath.toByte((float) (255 * Math.pow(v / 255.0, gamma)));
            }
            return Lut.apply(image, table);
        }
    }
}
