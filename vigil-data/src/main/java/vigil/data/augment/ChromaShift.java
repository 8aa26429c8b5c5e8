package vigil.data.augment;

import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/**
 * Moves the chroma planes (U and V of BT.601 YUV) by a few pixels while keeping luma where it was:
 * the colour fringing of a recaptured, chroma-subsampled image. Y is untouched up to rounding
 * (and clipping where the shifted colour leaves the RGB cube).
 */
public record ChromaShift(Range dx, Range dy) implements AugmentOp {
    public static ChromaShift fromArgs(OpArgs args) {
        return new ChromaShift(args.range("dx", new Range(-3, 3)), args.range("dy", new Range(-3, 3)));
    }

    @Override
    public String name() {
        return "chroma_shift";
    }

    @Override
    public Params draw(Rng rng) {
        return new Params(dx.drawInt(rng), dy.drawInt(rng));
    }

    /** The U and V planes move by (dx, dy) pixels; edges replicate. */
    public record Params(int dx, int dy) implements OpParams {
        @Override
        public BgrImage apply(BgrImage image) {
            int w = image.width();
            int h = image.height();
            byte[] in = image.data();
            float[] u = new float[w * h];
            float[] v = new float[w * h];
            for (int p = 0; p < w * h; p++) {
                int b = PixelMath.u8(in[3 * p]);
                int g = PixelMath.u8(in[3 * p + 1]);
                int r = PixelMath.u8(in[3 * p + 2]);
                float y = PixelMath.luma(b, g, r);
                u[p] = 0.492f * (b - y);
                v[p] = 0.877f * (r - y);
            }
            byte[] out = new byte[in.length];
            for (int yy = 0; yy < h; yy++) {
                int sy = Math.min(Math.max(yy - dy, 0), h - 1);
                for (int x = 0; x < w; x++) {
                    int sx = Math.min(Math.max(x - dx, 0), w - 1);
                    int p = yy * w + x;
                    int q = sy * w + sx;
                    float luma = PixelMath.luma(PixelMath.u8(in[3 * p]), PixelMath.u8(in[3 * p + 1]),
                            PixelMath.u8(in[3 * p + 2]));
                    float b = luma + u[q] / 0.492f;
                    float r = luma + v[q] / 0.877f;
                    float g = (luma - 0.114f * b - 0.299f * r) / 0.587f;
                    out[3 * p] = PixelMath.toByte(b);
                    out[3 * p + 1] = PixelMath.toByte(g);
                    out[3 * p + 2] = PixelMath.toByte(r);
                }
            }
            return new BgrImage(w, h, out);
        }
    }
}
