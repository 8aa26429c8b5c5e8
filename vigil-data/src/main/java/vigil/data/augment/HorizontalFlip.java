package vigil.data.augment;

import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/** Mirrors left-right, image and target together. Draws nothing: use the policy probability for "sometimes". */
public record HorizontalFlip() implements AugmentOp {
    public static HorizontalFlip fromArgs(OpArgs args) {
        return new HorizontalFlip();
    }

    @Override
    public String name() {
        return "flip";
    }

    @Override
    public Params draw(Rng rng) {
        return new Params();
    }

    public record Params() implements OpParams {
        @Override
        public BgrImage apply(BgrImage image) {
            int w = image.width();
            byte[] in = image.data();
            byte[] out = new byte[in.length];
            for (int y = 0; y < image.height(); y++) {
                for (int x = 0; x < w; x++) {
                    int s = (y * w + x) * 3;
                    int d = (y * w + (w - 1 - x)) * 3;
                    out[d] = in[s];
                    out[d + 1] = in[s + 1];
                    out[d + 2] = in[s + 2];
                }
            }
            return new BgrImage(w, image.height(), out);
        }

        @Override
        public DenseMap applyToTarget(DenseMap target) {
            int w = target.width();
            float[] in = target.values();
            float[] out = new float[in.length];
            for (int y = 0; y < target.height(); y++) {
                for (int x = 0; x < w; x++) {
                    out[y * w + (w - 1 - x)] = in[y * w + x];
                }
            }
            return new DenseMap(w, target.height(), out);
        }
    }
}
