package vigil.data.augment;

import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/** A straight-line motion blur: each pixel averages `length` samples along a line at `angle` degrees through it. */
public record MotionBlur(Range length, Range angle) implements AugmentOp {
    public MotionBlur {
        length.requireWithin("motion blur length", 1, 64);
    }

    public static MotionBlur fromArgs(OpArgs args) {
        return new MotionBlur(args.range("length", new Range(3, 9)), args.range("angle", new Range(0, 180)));
    }

    @Override
    public String name() {
        return "motion_blur";
    }

    @Override
    public Params draw(Rng rng) {
        return new Params(length.drawInt(rng), angle.draw(rng));
    }

    /** length in pixels (odd or even, centred), angle in degrees counter-clockwise from +x; replicate border. */
    public record Params(int length, float angle) implements OpParams {
        @Override
        public BgrImage apply(BgrImage image) {
            int w = image.width();
            int h = image.height();
            // Taps are rounded to whole pixels, so an axis-aligned blur touches only its own row or column.
            int[] ox = new int[length];
            int[] oy = new int[length];
            double rad = Math.toRadians(angle);
            for (int t = 0; t < length; t++) {
                double s = t - (length - 1) / 2.0;
                ox[t] = (int) Math.round(s * Math.cos(rad));
                oy[t] = (int) -Math.round(s * Math.sin(rad));
            }
            int reach = 0;
            for (int t = 0; t < length; t++) {
                reach = Math.max(reach, Math.max(Math.abs(ox[t]), Math.abs(oy[t])));
            }
            ReplicatePad padded = ReplicatePad.of(image, reach);
            byte[] src = padded.data();
            int[] offset = new int[length];
            for (int t = 0; t < length; t++) {
                offset[t] = oy[t] * padded.stride() + ox[t] * 3;
            }
            byte[] out = new byte[w * h * 3];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int base = padded.index(x, y);
                    for (int c = 0; c < 3; c++) {
                        int sum = 0;
                        for (int t = 0; t < length; t++) {
                            sum += src[base + c + offset[t]] & 0xff;
                        }
                        out[(y * w + x) * 3 + c] = PixelMath.toByte(sum / (float) length);
                    }
                }
            }
            return new BgrImage(w, h, out);
        }
    }
}
