package vigil.data.augment;

import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/** A k x k box filter with replicated borders (cv2.blur up to border and even-k anchor): the defocus of a recapture. */
public record AverageBlur(Range kernel) implements AugmentOp {
    public AverageBlur {
        kernel.requireWithin("blur kernel", 1, 31);
    }

    public static AverageBlur fromArgs(OpArgs args) {
        return new AverageBlur(args.range("k", new Range(2, 5)));
    }

    @Override
    public String name() {
        return "blur";
    }

    @Override
    public Params draw(Rng rng) {
        return new Params(kernel.drawInt(rng));
    }

    /** k: the box side in pixels; the window is x - (k-1)/2 .. x + k/2 (even k leans right and down). */
    public record Params(int k) implements OpParams {
        @Override
        public BgrImage apply(BgrImage image) {
            int w = image.width();
            int h = image.height();
            int lo = -(k - 1) / 2;
            int hi = k / 2;
            ReplicatePad padded = ReplicatePad.of(image, hi);
            byte[] src = padded.data();
            int stride = padded.stride();
            // Separable: vertical sums over the padded width into ints, then horizontal sums, then one rounding.
            int pw = stride / 3;
            int[] cols = new int[h * stride];
            for (int y = 0; y < h; y++) {
                int row = padded.index(-hi, y);
                for (int i = 0; i < pw * 3; i++) {
                    int s = 0;
                    for (int d = lo; d <= hi; d++) {
                        s += src[row + d * stride + i] & 0xff;
                    }
                    cols[y * stride + i] = s;
                }
            }
            byte[] out = new byte[w * h * 3];
            float area = k * k;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int c = 0; c < 3; c++) {
                        int s = 0;
                        for (int d = lo; d <= hi; d++) {
                            s += cols[y * stride + (x + hi + d) * 3 + c];
                        }
                        out[(y * w + x) * 3 + c] = PixelMath.toByte(s / area);
                    }
                }
            }
            return new BgrImage(w, h, out);
        }
    }
}
