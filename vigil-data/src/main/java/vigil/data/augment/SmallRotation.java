package vigil.data.augment;

import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/** Turns image and target about their centre (bilinear, replicate border): a tilted head or camera. */
public record SmallRotation(Range degrees) implements AugmentOp {
    public SmallRotation {
        degrees.requireWithin("rotation", -180, 180);
    }

    public static SmallRotation fromArgs(OpArgs args) {
        return new SmallRotation(args.range("degrees", new Range(-10, 10)));
    }

    @Override
    public String name() {
        return "rotate";
    }

    @Override
    public Params draw(Rng rng) {
        return new Params(degrees.draw(rng));
    }

    /** degrees: positive turns the content counter-clockwise as seen on screen. */
    public record Params(float degrees) implements OpParams {
        private WarpSampler map(int width, int height) {
            double t = Math.toRadians(degrees);
            double cos = Math.cos(t);
            double sin = Math.sin(t);
            double cx = (width - 1) / 2.0;
            double cy = (height - 1) / 2.0;
            // Output (x, y) reads source centre + R(t) (x - cx, y - cy), with y pointing down.
            return WarpSampler.affine(cos, -sin, cx - cos * cx + sin * cy, sin, cos, cy - sin * cx - cos * cy);
        }

        @Override
        public BgrImage apply(BgrImage image) {
            return map(image.width(), image.height()).apply(image, image.width(), image.height());
        }

        @Override
        public DenseMap applyToTarget(DenseMap target) {
            return map(target.width(), target.height()).apply(target, target.width(), target.height());
        }
    }
}
