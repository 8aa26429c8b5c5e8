package vigil.data.augment;

import vigil.data.image.BgrImage;
import vigil.data.image.OpenCvResize;
import vigil.tensor.init.Rng;

/** Shrinks by a factor and enlarges back (both OpenCV INTER_LINEAR): the lost detail of a low-resolution recapture. */
public record DownUpResize(Range factor) implements AugmentOp {
    public DownUpResize {
        factor.requireWithin("down-up factor", 0.01f, 1);
    }

    public static DownUpResize fromArgs(OpArgs args) {
        return new DownUpResize(args.range("factor", new Range(0.3f, 0.8f)));
    }

    @Override
    public String name() {
        return "down_up";
    }

    @Override
    public Params draw(Rng rng) {
        return new Params(factor.draw(rng));
    }

    /** factor: intermediate size / original size, per axis (at least 1 pixel). */
    public record Params(float factor) implements OpParams {
        @Override
        public BgrImage apply(BgrImage image) {
            int w = Math.max(1, Math.round(image.width() * factor));
            int h = Math.max(1, Math.round(image.height() * factor));
            BgrImage small = OpenCvResize.linear(image, w, h);
            return OpenCvResize.linear(small, image.width(), image.height());
        }
    }
}
