package vigil.data.augment;

import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/**
 * Takes a window of the image, of a random area fraction and aspect ratio at a random place, and
 * stretches it back to the original size (bilinear); the target follows. Area fractions above 1
 * zoom out (replicate border), which shrinks the face and grows the background.
 */
public record RandomResizedCrop(Range area, Range aspect) implements AugmentOp {
    public RandomResizedCrop {
        area.requireWithin("crop area", 0.05f, 4);
        aspect.requireWithin("crop aspect", 0.2f, 5);
    }

    public static RandomResizedCrop fromArgs(OpArgs args) {
        return new RandomResizedCrop(args.range("area", new Range(0.7f, 1)), args.range("aspect", new Range(0.85f, 1.18f)));
    }

    @Override
    public String name() {
        return "crop";
    }

    @Override
    public Params draw(Rng rng) {
        float s = area.draw(rng);
        float r = aspect.draw(rng);
        float w = (float) Math.sqrt(s * r);
        float h = (float) Math.sqrt(s / r);
        // Windows wider than the image are centred on that axis; smaller ones are placed anywhere inside.
        float x = w >= 1 ? (1 - w) / 2 : rng.nextFloat() * (1 - w);
        float y = h >= 1 ? (1 - h) / 2 : rng.nextFloat() * (1 - h);
        return new Params(x, y, w, h);
    }

    /** The window as fractions of the image: left, top, width, height. */
    public record Params(float x, float y, float w, float h) implements OpParams {
        private WarpSampler map(int width, int height) {
            // Output pixel centre (x + 0.5) / W of the window, in source pixel-centre coordinates.
            double ax = w;
            double ay = h;
            return WarpSampler.affine(ax, 0, x * width + 0.5 * ax - 0.5, 0, ay, y * height + 0.5 * ay - 0.5);
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
