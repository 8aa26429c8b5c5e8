package vigil.data.augment.attack;

import vigil.data.augment.AugmentOp;
import vigil.data.augment.OpArgs;
import vigil.data.augment.OpParams;
import vigil.data.augment.Range;
import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/**
 * LCD backlight bleed: light leaks in from the screen's edges, lifting dark areas most, fading
 * into the middle with distance from the nearest edge.
 */
public record BacklightBleed(Range strength, Range extent) implements AugmentOp {
    public BacklightBleed {
        strength.requireWithin("backlight bleed strength", 0, 1);
        extent.requireWithin("backlight bleed extent", 0.01f, 1);
    }

    public static BacklightBleed fromArgs(OpArgs args) {
        return new BacklightBleed(args.range("strength", new Range(0.05f, 0.25f)), args.range("extent", new Range(0.05f, 0.2f)));
    }

    @Override
    public String name() {
        return "backlight_bleed";
    }

    @Override
    public Params draw(Rng rng) {
        return new Params(strength.draw(rng), extent.draw(rng));
    }

    /**
     * A pixel at distance d (pixels) from the nearest edge gains strength exp(-d / (extent * min side))
     * of the way to white: out = in + glow (255 - in).
     */
    public record Params(float strength, float extent) implements OpParams {
        @Override
        public BgrImage apply(BgrImage image) {
            int w = image.width();
            int h = image.height();
            double scale = extent * Math.min(w, h);
            byte[] in = image.data();
            byte[] out = new byte[in.length];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int d = Math.min(Math.min(x, w - 1 - x), Math.min(y, h - 1 - y));
                    float glow = (float) (strength * Math.exp(-d / scale));
                    for (int c = 0; c < 3; c++) {
                        int p = (y * w + x) * 3 + c;
                        int v = in[p] & 0xff;
                        out[p] = (byte) Math.round(v + glow * (255 - v));
                    }
                }
            }
            return new BgrImage(w, h, out);
        }
    }
}
