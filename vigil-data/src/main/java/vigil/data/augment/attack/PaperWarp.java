package vigil.data.augment.attack;

import vigil.data.augment.AugmentOp;
import vigil.data.augment.OpArgs;
import vigil.data.augment.OpParams;
import vigil.data.augment.Range;
import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/**
 * A bent or wavy sheet of paper: every column moves up or down by a sine of x, so straight
 * horizontal lines of the print come out as waves of the given amplitude and period (pixels).
 * Bilinear, replicate border.
 */
public record PaperWarp(Range amplitude, Range period) implements AugmentOp {
    public PaperWarp {
        amplitude.requireWithin("warp amplitude", 0, 50);
        period.requireWithin("warp period", 4, 10_000);
    }

    public static PaperWarp fromArgs(OpArgs args) {
        return new PaperWarp(args.range("amplitude", new Range(0.5f, 3)), args.range("period", new Range(40, 160)));
    }

    @Override
    public String name() {
        return "paper_warp";
    }

    @Override
    public Params draw(Rng rng) {
        return new Params(amplitude.draw(rng), period.draw(rng), rng.uniform(0, (float) (2 * Math.PI)));
    }

    /** Output (x, y) reads the source at (x, y + amplitude sin(2 pi x / period + phase)). */
    public record Params(float amplitude, float period, float phase) implements OpParams {
        @Override
        public BgrImage apply(BgrImage image) {
            int w = image.width();
            int h = image.height();
            byte[] in = image.data();
            byte[] out = new byte[in.length];
            for (int x = 0; x < w; x++) {
                double sy0 = amplitude * Math.sin(2 * Math.PI * x / period + phase);
                int dy = (int) Math.floor(sy0);
                float f = (float) (sy0 - dy);
                for (int y = 0; y < h; y++) {
                    int ya = Math.min(Math.max(y + dy, 0), h - 1);
                    int yb = Math.min(Math.max(y + dy + 1, 0), h - 1);
                    for (int c = 0; c < 3; c++) {
                        float a = in[(ya * w + x) * 3 + c] & 0xff;
                        float b = in[(yb * w + x) * 3 + c] & 0xff;
                        out[(y * w + x) * 3 + c] = (byte) Math.round(a + f * (b - a));
                    }
                }
            }
            return new BgrImage(w, h, out);
        }
    }
}
