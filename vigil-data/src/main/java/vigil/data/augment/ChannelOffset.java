package vigil.data.augment;

import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/** Adds an independent offset to each of B, G and R: a white-balance error. */
public record ChannelOffset(Range offset) implements AugmentOp {
    public ChannelOffset {
        offset.requireWithin("channel offset", -255, 255);
    }

    public static ChannelOffset fromArgs(OpArgs args) {
        return new ChannelOffset(args.range("offset", new Range(-15, 15)));
    }

    @Override
    public String name() {
        return "channel_offset";
    }

    @Override
    public Params draw(Rng rng) {
        return new Params(offset.draw(rng), offset.draw(rng), offset.draw(rng));
    }

    public record Params(float b, float g, float r) implements OpParams {
        @Override
        public BgrImage apply(BgrImage image) {
            byte[] in = image.data();
            byte[] out = new byte[in.length];
            float[] add = {b, g, r};
            for (int i = 0; i < in.length; i++) {
                out[i] = PixelMath.toByte(PixelMath.u8(in[i]) + add[i % 3]);
            }
            return new BgrImage(image.width(), image.height(), out);
        }
    }
}
