package vigil.data.augment.attack;

import vigil.data.augment.AugmentOp;
import vigil.data.augment.OpArgs;
import vigil.data.augment.OpParams;
import vigil.data.augment.Range;
import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/**
 * The frame of a phone or tablet showing the face: a dark band of a drawn width on each side
 * (as fractions of the image side; a side may get none), with a thin brighter rim where the
 * glass edge catches light.
 */
public record ScreenBezel(Range width, Range shade) implements AugmentOp {
    public ScreenBezel {
        width.requireWithin("bezel width", 0, 0.45f);
        shade.requireWithin("bezel shade", 0, 255);
    }

    public static ScreenBezel fromArgs(OpArgs args) {
        return new ScreenBezel(args.range("width", new Range(0, 0.12f)), args.range("shade", new Range(5, 45)));
    }

    @Override
    public String name() {
        return "bezel";
    }

    @Override
    public Params draw(Rng rng) {
        return new Params(width.draw(rng), width.draw(rng), width.draw(rng), width.draw(rng), shade.draw(rng));
    }

    /** left, top, right, bottom: band widths as fractions of the image width or height; shade: its grey level. */
    public record Params(float left, float top, float right, float bottom, float shade) implements OpParams {
        @Override
        public BgrImage apply(BgrImage image) {
            int w = image.width();
            int h = image.height();
            int x0 = Math.round(left * w);
            int y0 = Math.round(top * h);
            int x1 = w - Math.round(right * w);
            int y1 = h - Math.round(bottom * h);
            byte[] out = image.data().clone();
            byte dark = (byte) Math.round(shade);
            byte rim = (byte) Math.min(255, Math.round(shade + 60));
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    boolean inside = x >= x0 && x < x1 && y >= y0 && y < y1;
                    if (inside) {
                        continue;
                    }
                    boolean edge = x == x0 - 1 || x == x1 || y == y0 - 1 || y == y1;
                    byte v = edge ? rim : dark;
                    int p = (y * w + x) * 3;
                    out[p] = v;
                    out[p + 1] = v;
                    out[p + 2] = v;
                }
            }
            return new BgrImage(w, h, out);
        }
    }
}
