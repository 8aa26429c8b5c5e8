package vigil.data.augment;

import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/**
 * Changes how much of the frame the face fills, the way a different detector box scale or a different
 * distance to the camera would: the content is scaled about the image centre so that anything in it
 * (the face box) covers {@code area} times its former share of the frame. Zooming out (area < 1) leaves
 * a border that is filled with one flat colour, the mean of the image's outermost pixel ring (the
 * nearest thing to "more of the same background" that a crop holds); zooming in (area > 1) cuts the
 * border off. A dense target goes through the same map with the same fill rule (its own ring mean), so a
 * depth map whose border is background (0) gets background around the shrunken face.
 */
public record FaceScale(Range area) implements AugmentOp {
    public FaceScale {
        area.requireWithin("face area factor", 0.1f, 4);
    }

    public static FaceScale fromArgs(OpArgs args) {
        return new FaceScale(args.range("area", new Range(0.6f, 1.4f)));
    }

    @Override
    public String name() {
        return "face_scale";
    }

    @Override
    public Params draw(Rng rng) {
        return new Params(area.draw(rng));
    }

    /** area: the factor on the face's share of the frame; the linear scale is its square root. */
    public record Params(float area) implements OpParams {
        public Params {
            if (!(area > 0) || !Float.isFinite(area)) {
                throw new IllegalArgumentException("face_scale area factor " + area + " must be positive");
            }
        }

        @Override
        public BgrImage apply(BgrImage image) {
            int w = image.width();
            int h = image.height();
            Taps xs = Taps.of(w, Math.sqrt(area));
            Taps ys = Taps.of(h, Math.sqrt(area));
            byte[] in = image.data();
            float[] fill = ringMean(in, w, h, 3);
            byte[] out = new byte[in.length];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int o = (y * w + x) * 3;
                    if (!xs.inside[x] || !ys.inside[y]) {
                        for (int c = 0; c < 3; c++) {
                            out[o + c] = PixelMath.toByte(fill[c]);
                        }
                        continue;
                    }
                    int i00 = (ys.lo[y] * w + xs.lo[x]) * 3;
                    int i10 = (ys.lo[y] * w + xs.hi[x]) * 3;
                    int i01 = (ys.hi[y] * w + xs.lo[x]) * 3;
                    int i11 = (ys.hi[y] * w + xs.hi[x]) * 3;
                    float fx = xs.frac[x];
                    float fy = ys.frac[y];
                    for (int c = 0; c < 3; c++) {
                        float top = (in[i00 + c] & 0xff) + fx * ((in[i10 + c] & 0xff) - (in[i00 + c] & 0xff));
                        float bottom = (in[i01 + c] & 0xff) + fx * ((in[i11 + c] & 0xff) - (in[i01 + c] & 0xff));
                        out[o + c] = PixelMath.toByte(top + fy * (bottom - top));
                    }
                }
            }
            return new BgrImage(w, h, out);
        }

        @Override
        public DenseMap applyToTarget(DenseMap target) {
            int w = target.width();
            int h = target.height();
            Taps xs = Taps.of(w, Math.sqrt(area));
            Taps ys = Taps.of(h, Math.sqrt(area));
            float[] in = target.values();
            float fill = ringMean(in, w, h);
            float[] out = new float[in.length];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if (!xs.inside[x] || !ys.inside[y]) {
                        out[y * w + x] = fill;
                        continue;
                    }
                    float fx = xs.frac[x];
                    float top = in[ys.lo[y] * w + xs.lo[x]] + fx * (in[ys.lo[y] * w + xs.hi[x]] - in[ys.lo[y] * w + xs.lo[x]]);
                    float bottom = in[ys.hi[y] * w + xs.lo[x]] + fx * (in[ys.hi[y] * w + xs.hi[x]] - in[ys.hi[y] * w + xs.lo[x]]);
                    out[y * w + x] = top + ys.frac[y] * (bottom - top);
                }
            }
            return new DenseMap(w, h, out);
        }
    }

    /**
     * The source taps along one axis of n pixels scaled by s about the centre: output i reads
     * c + (i - c) / s with c = (n - 1) / 2 (pixel centres at integers). Outputs whose source lies
     * beyond the outer pixel edges (-0.5, n - 0.5) are outside: they show the fill.
     */
    private record Taps(int[] lo, int[] hi, float[] frac, boolean[] inside) {
        static Taps of(int n, double s) {
            int[] lo = new int[n];
            int[] hi = new int[n];
            float[] frac = new float[n];
            boolean[] inside = new boolean[n];
            double c = (n - 1) / 2.0;
            for (int i = 0; i < n; i++) {
                double src = c + (i - c) / s;
                inside[i] = src >= -0.5 && src <= n - 0.5;
                double clamped = Math.max(0, Math.min(n - 1, src));
                int i0 = (int) Math.floor(clamped);
                lo[i] = i0;
                hi[i] = Math.min(i0 + 1, n - 1);
                frac[i] = (float) (clamped - i0);
            }
            return new Taps(lo, hi, frac, inside);
        }
    }

    /** Per-channel mean of the outermost ring of pixels (interleaved channels). */
    static float[] ringMean(byte[] px, int w, int h, int channels) {
        double[] sum = new double[channels];
        int count = 0;
        for (int y = 0; y < h; y++) {
            int step = y == 0 || y == h - 1 ? 1 : Math.max(1, w - 1);
            for (int x = 0; x < w; x += step) {
                for (int c = 0; c < channels; c++) {
                    sum[c] += px[(y * w + x) * channels + c] & 0xff;
                }
                count++;
            }
        }
        float[] mean = new float[channels];
        for (int c = 0; c < channels; c++) {
            mean[c] = (float) (sum[c] / count);
        }
        return mean;
    }

    static float ringMean(float[] v, int w, int h) {
        double sum = 0;
        int count = 0;
        for (int y = 0; y < h; y++) {
            int step = y == 0 || y == h - 1 ? 1 : Math.max(1, w - 1);
            for (int x = 0; x < w; x += step) {
                sum += v[y * w + x];
                count++;
            }
        }
        return (float) (sum / count);
    }
}
