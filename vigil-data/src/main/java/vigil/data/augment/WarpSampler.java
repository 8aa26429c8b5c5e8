package vigil.data.augment;

import vigil.data.image.BgrImage;

/**
 * Resamples an image and its dense target through one projective map, bilinearly, with replicate
 * borders. Pixel centres sit at integer coordinates; output pixel (x, y) reads the source at
 * ((a x + b y + c) / w, (d x + e y + f) / w) with w = g x + h y + 1 (g = h = 0: affine). Using the
 * same map for both is what keeps a depth map aligned with its face.
 */
record WarpSampler(double a, double b, double c, double d, double e, double f, double g, double h) {

    static WarpSampler affine(double a, double b, double c, double d, double e, double f) {
        return new WarpSampler(a, b, c, d, e, f, 0, 0);
    }

    BgrImage apply(BgrImage src, int outW, int outH) {
        int srcW = src.width();
        int srcH = src.height();
        byte[] in = src.data();
        byte[] out = new byte[outW * outH * 3];
        int[] xs = new int[outW];
        int[] ys = new int[outW];
        float[] fxs = new float[outW];
        float[] fys = new float[outW];
        for (int y = 0; y < outH; y++) {
            row(y, xs, ys, fxs, fys);
            for (int x = 0; x < outW; x++) {
                int x0 = xs[x];
                int y0 = ys[x];
                float fx = fxs[x];
                float fy = fys[x];
                // The four taps' channel-0 indices; clamping (replicate border) only near the edges.
                int i00;
                int i10;
                int i01;
                int i11;
                if (x0 >= 0 && y0 >= 0 && x0 + 1 < srcW && y0 + 1 < srcH) {
                    i00 = (y0 * srcW + x0) * 3;
                    i10 = i00 + 3;
                    i01 = i00 + srcW * 3;
                    i11 = i01 + 3;
                } else {
                    i00 = PixelMath.clampedIndex(x0, y0, 0, srcW, srcH);
                    i10 = PixelMath.clampedIndex(x0 + 1, y0, 0, srcW, srcH);
                    i01 = PixelMath.clampedIndex(x0, y0 + 1, 0, srcW, srcH);
                    i11 = PixelMath.clampedIndex(x0 + 1, y0 + 1, 0, srcW, srcH);
                }
                int o = (y * outW + x) * 3;
                for (int ch = 0; ch < 3; ch++) {
                    float v00 = in[i00 + ch] & 0xff;
                    float v10 = in[i10 + ch] & 0xff;
                    float v01 = in[i01 + ch] & 0xff;
                    float v11 = in[i11 + ch] & 0xff;
                    float top = v00 + fx * (v10 - v00);
                    float bottom = v01 + fx * (v11 - v01);
                    // A convex blend of bytes lies in 0..255, so rounding needs no clamp (same as PixelMath.toByte).
                    out[o + ch] = (byte) (int) (top + fy * (bottom - top) + 0.5f);
                }
            }
        }
        return new BgrImage(outW, outH, out);
    }

    /** The source tap (top-left corner and fractions) of every output pixel of row y; image and target share it. */
    private void row(int y, int[] xs, int[] ys, float[] fxs, float[] fys) {
        boolean affine = g == 0 && h == 0;
        for (int x = 0; x < xs.length; x++) {
            double sx = a * x + b * y + c;
            double sy = d * x + e * y + f;
            if (!affine) {
                double q = g * x + h * y + 1;
                sx /= q;
                sy /= q;
            }
            // floor without the call: truncate, then step down for negative non-integers.
            int x0 = (int) sx;
            int y0 = (int) sy;
            x0 -= x0 > sx ? 1 : 0;
            y0 -= y0 > sy ? 1 : 0;
            xs[x] = x0;
            ys[x] = y0;
            fxs[x] = (float) (sx - x0);
            fys[x] = (float) (sy - y0);
        }
    }

    DenseMap apply(DenseMap src, int outW, int outH) {
        int srcW = src.width();
        int srcH = src.height();
        float[] in = src.values();
        float[] out = new float[outW * outH];
        int[] xs = new int[outW];
        int[] ys = new int[outW];
        float[] fxs = new float[outW];
        float[] fys = new float[outW];
        for (int y = 0; y < outH; y++) {
            row(y, xs, ys, fxs, fys);
            for (int x = 0; x < outW; x++) {
                int x0 = xs[x];
                int y0 = ys[x];
                float fx = fxs[x];
                float fy = fys[x];
                int xa = clamp(x0, srcW);
                int xb = clamp(x0 + 1, srcW);
                int ya = clamp(y0, srcH);
                int yb = clamp(y0 + 1, srcH);
                float top = in[ya * srcW + xa] + fx * (in[ya * srcW + xb] - in[ya * srcW + xa]);
                float bottom = in[yb * srcW + xa] + fx * (in[yb * srcW + xb] - in[yb * srcW + xa]);
                out[y * outW + x] = top + fy * (bottom - top);
            }
        }
        return new DenseMap(outW, outH, out);
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : Math.min(i, n - 1);
    }
}
