package vigil.data.augment;

import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/** Moves every value away from (factor > 1) or towards (factor < 1) the image's mean luma, as torchvision's adjust_contrast. */
public record Contrast(Range factor) implements AugmentOp {
    public Contrast {
        factor.requireWithin("contrast factor", 0, 10);
    }

    public static Contrast fromArgs(OpArgs args) {
        return new Contrast(args.range("factor", new Range(0.7f, 1.3f)));
    }

    @Override
    public String name() {
        return "contrast";
    }

    @Override
    public Params draw(Rng rng) {
        return new Params(factor.draw(rng));
    }

    public record Params(float factor) implements OpParams {
        @Override
        public BgrImage apply(BgrImage image) {
            byte[] in = image.data();
            double sum = 0;
            for (int p = 0; p < in.length; p += 3) {
                sum += PixelMath.luma(PixelMath.u8(in[p]), PixelMath.u8(in[p + 1]), PixelMath.u8(in[p + 2]));
            }
            float mean = (float) (sum / (in.length / 3));
            byte[] table = new byte[256];
            for (int v = 0; v < 256; v++) {
                table[v] = PixelMath.toByte(mean + factor * (v - mean));
            }
            return Lut.apply(image, table);
        }
    }
}
