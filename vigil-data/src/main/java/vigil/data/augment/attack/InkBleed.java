package vigil.data.augment.attack;

import vigil.data.augment.AugmentOp;
import vigil.data.augment.OpArgs;
import vigil.data.augment.OpParams;
import vigil.data.augment.Range;
import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/**
 * Ink spreading into paper: every value moves towards the darkest value of its 3x3 neighbourhood
 * (per channel), so dots and dark strokes grow while open paper stays white.
 */
public record InkBleed(Range strength) implements AugmentOp {
    public InkBleed {
        strength.requireWithin("ink bleed strength", 0, 1);
    }

    public static InkBleed fromArgs(OpArgs args) {
        return new InkBleed(args.range("strength", new Range(0.2f, 0.6f)));
    }

    @Override
    public String name() {
        return "ink_bleed";
    }

    @Override
    public Params draw(Rng rng) {
        return new Params(strength.draw(rng));
    }

    /** out = in + strength (min3x3(in) - in); borders use the neighbours inside the image. */
    public record Params(float strength) implements OpParams {
        @Override
        public BgrImage apply(BgrImage image) {
            int w = image.width();
            int h = image.height();
            byte[] in = image.data();
            byte[] out = new byte[in.length];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int c = 0; c < 3; c++) {
                        int min = 255;
                        for (int dy = Math.max(0, y - 1); dy <= Math.min(h - 1, y + 1); dy++) {
                            for (int dx = Math.max(0, x - 1); dx <= Math.min(w - 1, x + 1); dx++) {
                                min = Math.min(min, in[(dy * w + dx) * 3 + c] & 0xff);
                            }
                        }
                        int v = in[(y * w + x) * 3 + c] & 0xff;
                        out[(y * w + x) * 3 + c] = (byte) Math.round(v + strength * (min - v));
                    }
                }
            }
            return new BgrImage(w, h, out);
        }
    }
}
