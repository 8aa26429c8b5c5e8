package vigil.data.augment;

import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/** Blends each pixel with its own grey (luma): 0 is greyscale, 1 the original, above 1 more vivid (torchvision's adjust_saturation). */
public record Saturation(Range factor) implements AugmentOp {
    public Saturation {
        factor.requireWithin("saturation factor", 0, 10);
    }

    public static Saturation fromArgs(OpArgs args) {
        return new Saturation(args.range("factor", new Range(0.6f, 1.4f)));
    }

    @Override
    public String name() {
        return "saturation";
    }

    @Override
    public Params draw(Rng rng) {
        return new Params(factor.draw(rng));
    }

    public record Params(float factor) implements OpParams {
        @Override
        public BgrImage apply(BgrImage image) {
            byte[] in = image.data();
            byte[] out = new byte[in.length];
            for (int p = 0; p < in.length; p += 3) {
                float grey = PixelMath.luma(PixelMath.u8(in[p]), PixelMath.u8(in[p + 1]), PixelMath.u8(in[p + 2]));
                for (int c = 0; c < 3; c++) {
                    out[p + c] = PixelMath.toByte(grey + factor * (PixelMath.u8(in[p + c]) - grey));
                }
            }
            return new BgrImage(image.width(), image.height(), out);
        }
    }
}
