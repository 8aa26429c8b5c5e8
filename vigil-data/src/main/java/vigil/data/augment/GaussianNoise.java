package vigil.data.augment;

import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/**
 * Additive zero-mean, near-Gaussian noise of a given sigma, independent per pixel and channel (sensor
 * noise of a recapture).
 */
public record GaussianNoise(Range sigma) implements AugmentOp {
    public GaussianNoise {
        sigma.requireWithin("noise sigma", 0, 255);
    }

    public static GaussianNoise fromArgs(OpArgs args) {
        return new GaussianNoise(args.range("sigma", new Range(2, 10)));
    }

    @Override
    public String name() {
        return "noise";
    }

    @Override
    public Params draw(Rng rng) {
        return new Params(sigma.draw(rng), rng.nextLong());
    }

    /** sigma in 8-bit levels; seed makes the noise field reproducible. */
    public record Params(float sigma, long seed) implements OpParams {
        @Override
        public BgrImage apply(BgrImage image) {
            byte[] in = image.data();
            byte[] out = new byte[in.length];
            Rng noise = new Rng(seed);
            // Irwin-Hall: the sum of four 16-bit uniforms from one 64-bit draw, centred and scaled to unit
            // variance, is close to normal (tails cut at 3.5 sigma) and several times cheaper than Box-Muller.
            float scale = sigma * (float) Math.sqrt(3) / 65536f;
            for (int i = 0; i < in.length; i++) {
                long r = noise.nextLong();
                int sum = (int) (r & 0xffff) + (int) ((r >>> 16) & 0xffff) + (int) ((r >>> 32) & 0xffff) + (int) (r >>> 48);
                out[i] = PixelMath.toByte(PixelMath.u8(in[i]) + scale * (sum - 2 * 65535));
            }
            return new BgrImage(image.width(), image.height(), out);
        }
    }
}
