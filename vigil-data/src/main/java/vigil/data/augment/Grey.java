package vigil.data.augment;

import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/** Replaces each pixel by its BT.601 luma in all three channels: a monochrome capture or print. */
public record Grey() implements AugmentOp {
    public static Grey fromArgs(OpArgs args) {
        return new Grey();
    }

    @Override
    public String name() {
        return "grey";
    }

    @Override
    public Params draw(Rng rng) {
        return new Params();
    }

    public record Params() implements OpParams {
        @Override
        public BgrImage apply(BgrImage image) {
            byte[] in = image.data();
            byte[] out = new byte[in.length];
            for (int p = 0; p < in.length; p += 3) {
                byte y = PixelMath.toByte(PixelMath.luma(PixelMath.u8(in[p]), PixelMath.u8(in[p + 1]), PixelMath.u8(in[p + 2])));
                out[p] = y;
                out[p + 1] = y;
                out[p + 2] = y;
            }
            return new BgrImage(image.width(), image.height(), out);
        }
    }
}
