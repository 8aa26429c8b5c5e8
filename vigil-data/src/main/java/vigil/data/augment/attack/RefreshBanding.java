package vigil.data.augment.attack;

import vigil.data.augment.AugmentOp;
import vigil.data.augment.OpArgs;
import vigil.data.augment.OpParams;
import vigil.data.augment.Range;
import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/**
 * Horizontal brightness bands of a filmed screen: the camera's rolling shutter catches the
 * display's refresh or backlight PWM, dimming rows by up to {@code depth} with a sine of the given
 * period (in image rows).
 */
public record RefreshBanding(Range period, Range depth) implements AugmentOp {
    public RefreshBanding {
        period.requireWithin("banding period", 2, 10_000);
        depth.requireWithin("banding depth", 0, 1);
    }

    public static RefreshBanding fromArgs(OpArgs args) {
        return new RefreshBanding(args.range("period", new Range(8, 40)), args.range("depth", new Range(0.03f, 0.15f)));
    }

    @Override
    public String name() {
        return "banding";
    }

    @Override
    public Params draw(Rng rng) {
        return new Params(period.draw(rng), depth.draw(rng), rng.uniform(0, (float) (2 * Math.PI)));
    }

    /** Row y keeps 1 - depth (0.5 + 0.5 sin(2 pi y / period + phase)) of its brightness. */
    public record Params(float period, float depth, float phase) implements OpParams {
        @Override
        public BgrImage apply(BgrImage image) {
            int w = image.width();
            byte[] in = image.data();
            byte[] out = new byte[in.length];
            for (int y = 0; y < image.height(); y++) {
                float gain = (float) (1 - depth * (0.5 + 0.5 * Math.sin(2 * Math.PI * y / period + phase)));
                for (int i = y * w * 3; i < (y + 1) * w * 3; i++) {
                    out[i] = (byte) Math.min(255, Math.round((in[i] & 0xff) * gain));
                }
            }
            return new BgrImage(w, image.height(), out);
        }
    }
}
