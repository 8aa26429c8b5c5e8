package vigil.data.image;

/**
 * Bilinear resize that reproduces OpenCV 4.6's {@code cv2.resize(img, (w, h),
 * interpolation=cv2.INTER_LINEAR)} on 8-bit images bit for bit.
 *
 * <p>OpenCV takes its fixed-point path for 8-bit INTER_LINEAR (not the newer {@code resize_bitExact},
 * which only INTER_LINEAR_EXACT uses): weights are floats rounded to 11-bit fixed point (scale
 * 2048); a horizontal pass writes int rows (value * weight sums, up to 255 * 2048); the vertical
 * pass pre-shifts each row by 4, multiplies by the 11-bit row weight keeping the high 16 bits,
 * and rounds the sum with {@code (t0 + t1 + 2) >> 2}. Its SIMD kernel and its scalar tail compute
 * exactly that, so every pixel follows one formula. Exact halving in both axes is routed by
 * OpenCV through INTER_AREA, whose {@code (a + b + c + d + 2) >> 2} equals this formula with
 * weights 1024/1024, so no special case is needed here.
 */
public final class OpenCvResize {
    /** INTER_RESIZE_COEF_BITS = 11: weights are integers out of 2048. */
    private static final int COEF_SCALE = 1 << 11;

    private OpenCvResize() {
    }

    /** src: H x W x 3 -> dstH x dstW x 3, as cv2.resize(src, (dstW, dstH), INTER_LINEAR). */
    public static BgrImage linear(BgrImage src, int dstW, int dstH) {
        if (dstW <= 0 || dstH <= 0) {
            throw new IllegalArgumentException("OpenCvResize.linear: target size must be positive, got "
                    + dstW + "x" + dstH + " for " + src);
        }
        int srcW = src.width();
        int srcH = src.height();
        if (srcW == dstW && srcH == dstH) {
            // cv::resize copies when the size does not change.
            return new BgrImage(srcW, srcH, src.data().clone());
        }
        AxisTaps xTaps = AxisTaps.of(srcW, dstW, true);
        AxisTaps yTaps = AxisTaps.of(srcH, dstH, false);
        return resample(src, xTaps, yTaps, dstW, dstH);
    }

    private static BgrImage resample(BgrImage src, AxisTaps xTaps, AxisTaps yTaps, int dstW, int dstH) {
        final int cn = BgrImage.CHANNELS;
        byte[] in = src.data();
        int srcW = src.width();
        int srcH = src.height();
        int rowLen = dstW * cn;
        byte[] out = new byte[dstH * rowLen];
        // Two horizontally resized source rows, reused while consecutive output rows share them.
        int[][] rows = {new int[rowLen], new int[rowLen]};
        int[] rowOf = {-1, -1};
        for (int dy = 0; dy < dstH; dy++) {
            int sy0 = Math.min(Math.max(yTaps.first[dy], 0), srcH - 1);
            int sy1 = Math.min(Math.max(yTaps.first[dy] + 1, 0), srcH - 1);
            int[] r0 = horizontalRow(in, srcW, sy0, xTaps, rows, rowOf, dstW);
            int[] r1 = horizontalRow(in, srcW, sy1, xTaps, rows, rowOf, dstW);
            int b0 = yTaps.w0[dy];
            int b1 = yTaps.w1[dy];
            int o = dy * rowLen;
            for (int i = 0; i < rowLen; i++) {
                // OpenCV's VResizeLinear for uchar: high half of (row >> 4) * weight, then (sum + 2) >> 2.
                int v = (((b0 * (r0[i] >> 4)) >> 16) + ((b1 * (r1[i] >> 4)) >> 16) + 2) >> 2;
                out[o + i] = (byte) Math.min(Math.max(v, 0), 255);
            }
        }
        return new BgrImage(dstW, dstH, out);
    }

    /** Source row sy resized horizontally into int sums (weight scale 2048), cached in one of two slots. */
    private static int[] horizontalRow(byte[] in, int srcW, int sy, AxisTaps xTaps, int[][] rows, int[] rowOf, int dstW) {
        for (int k = 0; k < 2; k++) {
            if (rowOf[k] == sy) {
                return rows[k];
            }
        }
        // Output rows walk the source top to bottom, so the lower cached row is never needed again.
        int slot = rowOf[0] < rowOf[1] ? 0 : 1;
        int[] row = rows[slot];
        rowOf[slot] = sy;
        final int cn = BgrImage.CHANNELS;
        int base = sy * srcW * cn;
        for (int dx = 0; dx < dstW; dx++) {
            int sx = base + xTaps.first[dx] * cn;
            if (dx < xTaps.interiorEnd) {
                int a0 = xTaps.w0[dx];
                int a1 = xTaps.w1[dx];
                for (int c = 0; c < cn; c++) {
                    row[dx * cn + c] = (in[sx + c] & 0xff) * a0 + (in[sx + cn + c] & 0xff) * a1;
                }
            } else {
                // Past the last source pixel OpenCV takes that pixel at full weight.
                for (int c = 0; c < cn; c++) {
                    row[dx * cn + c] = (in[sx + c] & 0xff) * COEF_SCALE;
                }
            }
        }
        return row;
    }

    /**
     * For each output index along one axis: the first of the two source taps and their 11-bit
     * weights, computed exactly as cv::resize does it (float coordinates, cvFloor, cvRound).
     */
    private static final class AxisTaps {
        final int[] first;
        final int[] w0;
        final int[] w1;
        /** Output indices from here on read only the last source pixel (OpenCV's xmax); the x axis only. */
        int interiorEnd;

        private AxisTaps(int n) {
            first = new int[n];
            w0 = new int[n];
            w1 = new int[n];
        }

        static AxisTaps of(int srcLen, int dstLen, boolean clampToBorder) {
            AxisTaps t = new AxisTaps(dstLen);
            // OpenCV derives the scale as 1 / (dst / src), not src / dst; the two can differ in the last bit.
            double invScale = (double) dstLen / srcLen;
            double scale = 1.0 / invScale;
            t.interiorEnd = dstLen;
            for (int d = 0; d < dstLen; d++) {
                float f = (float) ((d + 0.5) * scale - 0.5);
                int s = (int) Math.floor(f);
                f -= s;
                if (clampToBorder) {
                    // Horizontal taps are clamped with zero fraction; vertical rows are clamped later
                    // while the fraction is kept (cv::resize treats the axes differently).
                    if (s < 0) {
                        f = 0f;
                        s = 0;
                    }
                    if (s + 1 >= srcLen) {
                        t.interiorEnd = Math.min(t.interiorEnd, d);
                        if (s >= srcLen - 1) {
                            f = 0f;
                            s = srcLen - 1;
                        }
                    }
                }
                t.first[d] = s;
                t.w0[d] = roundToShort((1f - f) * COEF_SCALE);
                t.w1[d] = roundToShort(f * COEF_SCALE);
            }
            return t;
        }

        /** saturate_cast&lt;short&gt;(float): round half to even (cvRound), then clamp. */
        private static int roundToShort(float v) {
            double r = Math.rint(v);
            return (int) Math.min(Math.max(r, Short.MIN_VALUE), Short.MAX_VALUE);
        }
    }
}
