package vigil.data.augment;

/**
 * What saving as a baseline JPEG and loading again does to the pixels, without writing the bitstream:
 * entropy coding is lossless, so the loss is all in the colour conversion, 4:2:0 chroma subsampling,
 * the 8x8 DCT and the quantisation of its coefficients. This runs those stages as libjpeg (and so
 * javax.imageio) does - JFIF YCbCr, 2x2 chroma averaging, the IJG quantisation tables scaled for a
 * quality as ImageIO scales them, round-half-away quantisation, 8-bit clamped samples after the inverse
 * DCT, triangle ("fancy") chroma upsampling - but in float arithmetic with an exact DCT instead of
 * libjpeg's integer approximations, so a few coefficients near a rounding boundary land on the other
 * side. JpegArtefactsTest bounds how far the result sits from ImageIO's.
 *
 * <p>Shape contract: BGR bytes of width x height in, the same size out; the image is padded to whole
 * 16x16 macroblocks by replicating its last column and row, as libjpeg pads. Pure function of the
 * pixels and quality (no shared state), so it is deterministic and thread-safe.
 */
final class JpegArtefacts {
    /** The IJG (Annex K) tables in row-major order, the base of every quality. */
    static final int[] LUMA = {
        16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99};
    static final int[] CHROMA = {
        17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99,
        24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99};

    /** COS[u * 4 + x] = a(u) cos((2x + 1) u pi / 16) for x = 0..3, the orthonormal DCT-II (= JPEG's) half rows. */
    private static final float[] COS = new float[32];

    static {
        for (int u = 0; u < 8; u++) {
            double a = u == 0 ? Math.sqrt(1 / 8.0) : 0.5;
            for (int x = 0; x < 4; x++) {
                COS[u * 4 + x] = (float) (a * Math.cos((2 * x + 1) * u * Math.PI / 16));
            }
        }
    }

    private JpegArtefacts() {
    }

    /**
     * A base table scaled for quality 1..100 as ImageIO's JPEGImageWriter scales it: quality q / 100 maps
     * to the factor 50 / q below 50 and 2 - q / 50 above (IJG's jpeg_quality_scaling), each entry rounded
     * and clamped to 1..255 (baseline).
     */
    static int[] scaledTable(int[] base, int quality) {
        float q = quality / 100f;
        float scale = q < 0.5f ? 0.5f / q : 2.0f - q * 2.0f;
        int[] table = new int[64];
        for (int i = 0; i < 64; i++) {
            table[i] = Math.max(1, Math.min(255, (int) (base[i] * scale + 0.5f)));
        }
        return table;
    }

    /** bgr (width * height * 3) saved at quality 1..100 and loaded again, into a new array. */
    static byte[] roundTrip(byte[] bgr, int width, int height, int quality) {
        int pw = (width + 15) & ~15;
        int ph = (height + 15) & ~15;
        int cw = pw / 2;
        int ch = ph / 2;
        float[] y = new float[pw * ph];
        float[] cb = new float[cw * ch];
        float[] cr = new float[cw * ch];
        toYcc(bgr, width, height, pw, ph, y, cb, cr);
        quantiseBlocks(y, pw, ph, scaledTable(LUMA, quality));
        int[] chromaTable = scaledTable(CHROMA, quality);
        quantiseBlocks(cb, cw, ch, chromaTable);
        quantiseBlocks(cr, cw, ch, chromaTable);
        return toBgr(y, pw, cb, cr, cw, ch, width, height);
    }

    // JFIF RGB -> YCbCr, each rounded to a byte as libjpeg stores it, minus 128 (the DCT's level shift).
    // Luma on the padded grid; chroma averaged over 2x2 (libjpeg's h2v2 downsampling without smoothing).
    private static void toYcc(byte[] bgr, int w, int h, int pw, int ph, float[] y, float[] cb, float[] cr) {
        int cw = pw / 2;
        for (int py = 0; py < ph; py += 2) {
            for (int px = 0; px < pw; px += 2) {
                float sumB = 0;
                float sumR = 0;
                for (int dy = 0; dy < 2; dy++) {
                    int sy = Math.min(py + dy, h - 1);
                    for (int dx = 0; dx < 2; dx++) {
                        int p = (sy * w + Math.min(px + dx, w - 1)) * 3;
                        float b = bgr[p] & 0xff;
                        float g = bgr[p + 1] & 0xff;
                        float r = bgr[p + 2] & 0xff;
                        y[(py + dy) * pw + px + dx] = (int) (0.299f * r + 0.587f * g + 0.114f * b + 0.5f) - 128;
                        sumB += (int) (-0.168736f * r - 0.331264f * g + 0.5f * b + 128.5f);
                        sumR += (int) (0.5f * r - 0.418688f * g - 0.081312f * b + 128.5f);
                    }
                }
                cb[(py / 2) * cw + px / 2] = (int) (sumB * 0.25f + 0.5f) - 128;
                cr[(py / 2) * cw + px / 2] = (int) (sumR * 0.25f + 0.5f) - 128;
            }
        }
    }

    /** Every 8x8 block of plane (width x height, both multiples of 8): DCT, quantise, dequantise, inverse DCT, clamp. */
    private static void quantiseBlocks(float[] plane, int width, int height, int[] table) {
        float[] block = new float[64];
        float[] tmp = new float[64];
        float[] step = new float[64];
        float[] inverse = new float[64];
        for (int i = 0; i < 64; i++) {
            step[i] = table[i];
            inverse[i] = 1f / table[i];
        }
        for (int by = 0; by < height; by += 8) {
            for (int bx = 0; bx < width; bx += 8) {
                for (int r = 0; r < 8; r++) {
                    System.arraycopy(plane, (by + r) * width + bx, block, r * 8, 8);
                }
                for (int r = 0; r < 8; r++) {
                    forward8(block, r * 8, 1, tmp, r * 8, 1);
                }
                for (int c = 0; c < 8; c++) {
                    forward8(tmp, c, 8, block, c, 8);
                }
                for (int i = 0; i < 64; i++) {
                    // libjpeg rounds half away from zero: |F| / Q + 1/2, truncated, sign restored.
                    float q = (int) (Math.abs(block[i]) * inverse[i] + 0.5f) * step[i];
                    block[i] = block[i] < 0 ? -q : q;
                }
                for (int c = 0; c < 8; c++) {
                    inverse8(block, c, 8, tmp, c, 8);
                }
                for (int r = 0; r < 8; r++) {
                    inverse8(tmp, r * 8, 1, block, r * 8, 1);
                }
                for (int r = 0; r < 8; r++) {
                    int row = (by + r) * width + bx;
                    for (int c = 0; c < 8; c++) {
                        // The decoder's samples are bytes: round and clamp to 0..255 (level-shifted here).
                        float v = Math.round(block[r * 8 + c]);
                        plane[row + c] = Math.max(-128, Math.min(127, v));
                    }
                }
            }
        }
    }

    // One 8-point DCT-II from in[off + k * stride] into out[outOff + k * outStride], using the even/odd
    // symmetry of the basis: even rows see f(x) + f(7 - x), odd rows f(x) - f(7 - x) (32 multiplies, not 64).
    private static void forward8(float[] in, int off, int stride, float[] out, int outOff, int outStride) {
        float s0 = in[off] + in[off + 7 * stride];
        float s1 = in[off + stride] + in[off + 6 * stride];
        float s2 = in[off + 2 * stride] + in[off + 5 * stride];
        float s3 = in[off + 3 * stride] + in[off + 4 * stride];
        float d0 = in[off] - in[off + 7 * stride];
        float d1 = in[off + stride] - in[off + 6 * stride];
        float d2 = in[off + 2 * stride] - in[off + 5 * stride];
        float d3 = in[off + 3 * stride] - in[off + 4 * stride];
        for (int u = 0; u < 8; u += 2) {
            int e = u * 4;
            int o = e + 4;
            out[outOff + u * outStride] = COS[e] * s0 + COS[e + 1] * s1 + COS[e + 2] * s2 + COS[e + 3] * s3;
            out[outOff + (u + 1) * outStride] = COS[o] * d0 + COS[o + 1] * d1 + COS[o + 2] * d2 + COS[o + 3] * d3;
        }
    }

    // The transpose of forward8: f(x) = even(x) + odd(x), f(7 - x) = even(x) - odd(x).
    private static void inverse8(float[] in, int off, int stride, float[] out, int outOff, int outStride) {
        float f0 = in[off];
        float f1 = in[off + stride];
        float f2 = in[off + 2 * stride];
        float f3 = in[off + 3 * stride];
        float f4 = in[off + 4 * stride];
        float f5 = in[off + 5 * stride];
        float f6 = in[off + 6 * stride];
        float f7 = in[off + 7 * stride];
        for (int x = 0; x < 4; x++) {
            float even = COS[x] * f0 + COS[8 + x] * f2 + COS[16 + x] * f4 + COS[24 + x] * f6;
            float odd = COS[4 + x] * f1 + COS[12 + x] * f3 + COS[20 + x] * f5 + COS[28 + x] * f7;
            out[outOff + x * outStride] = even + odd;
            out[outOff + (7 - x) * outStride] = even - odd;
        }
    }

    // Chroma back to full resolution by libjpeg's triangle filter (each output pixel: 3/4 its own chroma
    // sample, 1/4 the next one towards it, in each axis; edges replicate), then YCbCr -> BGR bytes.
    private static byte[] toBgr(float[] y, int pw, float[] cb, float[] cr, int cw, int ch, int w, int h) {
        byte[] out = new byte[w * h * 3];
        for (int oy = 0; oy < h; oy++) {
            int near = oy >> 1;
            int far = Math.max(0, Math.min(ch - 1, (oy & 1) == 0 ? near - 1 : near + 1));
            for (int ox = 0; ox < w; ox++) {
                int nx = ox >> 1;
                int fx = Math.max(0, Math.min(cw - 1, (ox & 1) == 0 ? nx - 1 : nx + 1));
                float u = upsample(cb, cw, near, far, nx, fx);
                float v = upsample(cr, cw, near, far, nx, fx);
                float l = y[oy * pw + ox] + 128;
                int p = (oy * w + ox) * 3;
                out[p] = PixelMath.toByte(l + 1.772f * u);
                out[p + 1] = PixelMath.toByte(l - 0.344136f * u - 0.714136f * v);
                out[p + 2] = PixelMath.toByte(l + 1.402f * v);
            }
        }
        return out;
    }

    private static float upsample(float[] c, int cw, int near, int far, int nx, int fx) {
        float rowNear = 0.75f * c[near * cw + nx] + 0.25f * c[far * cw + nx];
        float rowFar = 0.75f * c[near * cw + fx] + 0.25f * c[far * cw + fx];
        return 0.75f * rowNear + 0.25f * rowFar;
    }
}
