package vigil.data.video;

import vigil.data.image.BgrImage;

/**
 * Y'CbCr 4:2:0 to 8-bit BGR by the defining equations of ITU-R BT.601 (or BT.709) for the signal's
 * range, each chroma sample shared by the 2x2 block of pixels it covers (nearest neighbour, as
 * OpenCV's COLOR_YUV2BGR_I420 and FFmpeg's unscaled converter do), rounded half up and clamped.
 * Limited ("TV") range puts black at Y = 16 and white at 235, chroma 16..240 around 128; full ("PC",
 * JPEG) range uses 0..255 for both. Getting the range wrong shifts every pixel by up to ~20 levels,
 * so the range and matrix must come from the stream (the H.264 SPS VUI), never be assumed.
 */
public final class YuvToBgrConverter {
    /** The colour matrix: which weights Kr, Kb turn R'G'B' into luma. */
    public enum Matrix {
        /** SD video, JPEG, and what decoders assume when a stream does not say (H.264 matrix_coefficients 5, 6, 2). */
        BT601(0.299, 0.114),
        /** HD video (H.264 matrix_coefficients 1). */
        BT709(0.2126, 0.0722);

        final double kr;
        final double kb;

        Matrix(double kr, double kb) {
            this.kr = kr;
            this.kb = kb;
        }
    }

    private final Matrix matrix;
    private final boolean fullRange;
    // Per-code contributions, so a pixel costs three lookups per channel: luma level, and the four
    // chroma terms (Cr->R, Cb->B, Cb->G, Cr->G) in 8-bit RGB units.
    private final double[] luma = new double[256];
    private final double[] crToR = new double[256];
    private final double[] cbToB = new double[256];
    private final double[] cbToG = new double[256];
    private final double[] crToG = new double[256];

    public YuvToBgrConverter(Matrix matrix, boolean fullRange) {
        this.matrix = matrix;
        this.fullRange = fullRange;
        double kr = matrix.kr;
        double kb = matrix.kb;
        double kg = 1 - kr - kb;
        double yScale = fullRange ? 1 : 255.0 / 219;
        double cScale = fullRange ? 1 : 255.0 / 224;
        double yOffset = fullRange ? 0 : 16;
        for (int code = 0; code < 256; code++) {
            double c = (code - 128) * cScale;
            luma[code] = (code - yOffset) * yScale;
            crToR[code] = 2 * (1 - kr) * c;
            cbToB[code] = 2 * (1 - kb) * c;
            cbToG[code] = -2 * kb * (1 - kb) / kg * c;
            crToG[code] = -2 * kr * (1 - kr) / kg * c;
        }
    }

    /**
     * The conversion an H.264 stream declares in its VUI: video_full_range_flag (absent means
     * limited range, H.264 E.2.1) and matrix_coefficients (1 is BT.709; everything else, including
     * 2 "unspecified", is read as BT.601, which is also FFmpeg's default).
     */
    public static YuvToBgrConverter forH264(boolean fullRange, int matrixCoefficients) {
        return new YuvToBgrConverter(matrixCoefficients == 1 ? Matrix.BT709 : Matrix.BT601, fullRange);
    }

    public Matrix matrix() {
        return matrix;
    }

    public boolean fullRange() {
        return fullRange;
    }

    /** picture (W x H planes) -> a new W x H BGR image. */
    public BgrImage convert(Yuv420Picture picture) {
        int w = picture.width();
        int h = picture.height();
        int cw = picture.chromaWidth();
        byte[] ys = picture.y();
        byte[] us = picture.u();
        byte[] vs = picture.v();
        byte[] bgr = new byte[w * h * 3];
        for (int row = 0; row < h; row++) {
            int chromaRow = (row >> 1) * cw;
            int out = row * w * 3;
            for (int x = 0; x < w; x++, out += 3) {
                double l = luma[ys[row * w + x] & 0xff];
                int cb = us[chromaRow + (x >> 1)] & 0xff;
                int cr = vs[chromaRow + (x >> 1)] & 0xff;
                bgr[out] = clampRound(l + cbToB[cb]);
                bgr[out + 1] = clampRound(l + cbToG[cb] + crToG[cr]);
                bgr[out + 2] = clampRound(l + crToR[cr]);
            }
        }
        return new BgrImage(w, h, bgr);
    }

    private static byte clampRound(double value) {
        long r = (long) Math.floor(value + 0.5);
        return (byte) (r < 0 ? 0 : r > 255 ? 255 : r);
    }
}
