package vigil.data.augment;

import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/**
 * Signal-dependent camera noise: shot noise whose variance grows with the level (gain x value)
 * plus a constant read noise, so highlights are noisier than shadows, unlike {@link GaussianNoise}.
 */
public record SensorNoise(Range gain, Range read) implements AugmentOp {
    public SensorNoise {
        gain.requireWithin("shot noise gain", 0, 10);
        read.requireWithin("read noise", 0, 50);
    }

    public static SensorNoise fromArgs(OpArgs args) {
        return new SensorNoise(args.range("gain", new Range(0.05f, 0.4f)), args.range("read", new Range(0.5f, 3)));
    }

    @Override
    public String name() {
        return "sensor_noise";
    }

    @Override
    public Params draw(Rng rng) {
        return new Params(gain.draw(rng), read.draw(rng), rng.nextLong());
    }

    /** Per value: sigma^2 = gain * value + read^2 (8-bit levels); seed fixes the noise field. */
    public record Params(float gain, float read, long seed) implements OpParams {
        @Override
        public BgrImage apply(BgrImage image) {
            byte[] in = image.data();
            byte[] out = new byte[in.length];
            float[] sigma = new float[256];
            for (int v = 0; v < 256; v++) {
                sigma[v] = (float) Math.sqrt(gain * v + read * read);
            }
            Rng noise = new Rng(seed);
            // Irwin-Hall of four 16-bit uniforms, as in GaussianNoise: near-normal with unit variance.
            float unit = (float) Math.sqrt(3) / 65536f;
            for (int i = 0; i < in.length; i++) {
                long r = noise.nextLong();
                int sum = (int) (r & 0xffff) + (int) ((r >>> 16) & 0xffff) + (int) ((r >>> 32) & 0xffff) + (int) (r >>> 48);
                int v = in[i] & 0xff;
                out[i] = PixelMath.toByte(v + sigma[v] * unit * (sum - 2 * 65535));
            }
            return new BgrImage(image.width(), image.height(), out);
        }
    }
}
