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
            // One table of the 256 possible results: the same arithmetic per value, a lookup per byte.
            byte[] table = new byte[256];
            for (int v = 0; v < 256; v++) {
                table[v] = PixelMath.toByte(v * factor);
            }
            return Lut.apply(image, table);
        }
    }
}
