package vigil.data.augment;

import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/** Scales every channel by one factor (torchvision's adjust_brightness): a brighter or dimmer exposure. */
public record Brightness(Range factor) implements AugmentOp {
    public Brightness {
        factor.requireWithin("brightness factor", 0, 10);
    }

    public static Brightness fromArgs(OpArgs args) {
        return new Brightness(args.range("factor", new Range(0.7f, 1.3f)));
    }

    @Override
    public String name() {
        return "brightness";
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
            for (int i = 0; i < in.length; i++) {
                out[i] = PixelMath.toByte(PixelMath.u8(in[i]) * factor);
            }
            return new BgrImage(image.width(), image.height(), out);
        }
    }
}
