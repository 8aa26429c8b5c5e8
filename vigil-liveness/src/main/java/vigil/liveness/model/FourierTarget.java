package vigil.liveness.model;

import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;

/**
 * Silent-Face's auxiliary target (src/data_io/dataset_folder.py, generate_FT and its resize): the
 * centred log-magnitude spectrum of the crop's grey image, normalised to (0, 1], resized to the
 * Fourier head's map with OpenCV's bilinear rule.
 *
 * <pre>
 * grey  = BGR -> grey as cv2.cvtColor(COLOR_BGR2GRAY) on uint8 (fixed point, 15 bits, rounded)
 * F     = fftshift(fft2(grey))                  (2-D DFT in double; zero frequency moved to the centre)
 * s     = log(|F| + 1)
 * t     = (s - min s + 1) / (max s - min s + 1) (the reference's normalisation, min and max over the image)
 * map   = cv2.resize(t, (w, h)) INTER_LINEAR    (half-pixel centres, edge samples clamped)
 * </pre>
 * A crop whose values are not all whole numbers in 0..255 (already normalised, or augmented in
 * float) is turned grey with the same weights in floating point. The spectrum is computed on the
 * crop the model sees, whereas the reference computes it before its augmentations; on an
 * unaugmented crop the two are the same. Cost: O(H W (H + W)) per crop (separable DFT).
 */
public final class FourierTarget {
    // OpenCV 4's BGR2GRAY on 8-bit images: weights of 0.114, 0.587, 0.299 in 15-bit fixed point (summing
    // to 2^15), rounded. Checked against cv2 4.6 on a million random colours; 14-bit weights differ on ~0.1%.
    private static final int B_WEIGHT = 3735;
    private static final int G_WEIGHT = 19235;
    private static final int R_WEIGHT = 9798;
    private static final int SHIFT = 15;

    private FourierTarget() {
    }

    /** images [N, 3, H, W] BGR -> targets [N, 1, outH, outW]. */
    public static Tensor of(Tensor images, int outH, int outW) {
        if (images.rank() != 4 || images.dim(1) != 3) {
            throw new ShapeException("FourierTarget: expected BGR crops [N, 3, H, W], got " + Shape.str(images.shape()));
        }
        int n = images.dim(0);
        int h = images.dim(2);
        int w = images.dim(3);
        float[] x = images.data();
        float[] out = new float[n * outH * outW];
        for (int i = 0; i < n; i++) {
            double[] grey = grey(x, i * 3 * h * w, h, w);
            double[] spectrum = normalisedLogSpectrum(grey, h, w);
            double[] small = resizeLinear(spectrum, h, w, outH, outW);
            for (int k = 0; k < small.length; k++) {
                out[i * outH * outW + k] = (float) small[k];
            }
        }
        return Tensor.of(out, n, 1, outH, outW);
    }

    /** One planar BGR crop at offset -> grey [h * w]. */
    static double[] grey(float[] x, int offset, int h, int w) {
        int plane = h * w;
        boolean bytes = true;
        for (int k = 0; k < 3 * plane && bytes; k++) {
            float v = x[offset + k];
            bytes = v >= 0 && v <= 255 && v == Math.rint(v);
        }
        double[] grey = new double[plane];
        for (int k = 0; k < plane; k++) {
            float b = x[offset + k];
            float g = x[offset + plane + k];
            float r = x[offset + 2 * plane + k];
            grey[k] = bytes
                    ? ((int) b * B_WEIGHT + (int) g * G_WEIGHT + (int) r * R_WEIGHT + (1 << (SHIFT - 1))) >> SHIFT
                    : (b * (double) B_WEIGHT + g * (double) G_WEIGHT + r * (double) R_WEIGHT) / (1 << SHIFT);
        }
        return grey;
    }

    /** grey [h * w] -> (log(|fftshift(fft2(grey))| + 1) - min + 1) / (max - min + 1), [h * w]. */
    static double[] normalisedLogSpectrum(double[] grey, int h, int w) {
        // Rows first: R[y][v] = sum_x grey[y][x] e^{-2 pi i v x / w}; then columns: F[u][v] = sum_y R[y][v] e^{-2 pi i u y / h}.
        double[] cw = new double[w];
        double[] sw = new double[w];
        twiddles(w, cw, sw);
        double[] ch = new double[h];
        double[] sh = new double[h];
        twiddles(h, ch, sh);
        double[] rowRe = new double[h * w];
        double[] rowIm = new double[h * w];
        for (int y = 0; y < h; y++) {
            for (int v = 0; v < w; v++) {
                double re = 0;
                double im = 0;
                for (int x = 0; x < w; x++) {
                    int k = (int) ((long) v * x % w);
                    double g = grey[y * w + x];
                    re += g * cw[k];
                    im -= g * sw[k];
                }
                rowRe[y * w + v] = re;
                rowIm[y * w + v] = im;
            }
        }
        double[] s = new double[h * w];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int u = 0; u < h; u++) {
            for (int v = 0; v < w; v++) {
                double re = 0;
                double im = 0;
                for (int y = 0; y < h; y++) {
                    int k = (int) ((long) u * y % h);
                    double a = rowRe[y * w + v];
                    double b = rowIm[y * w + v];
                    // (a + ib)(cos - i sin)
                    re += a * ch[k] + b * sh[k];
                    im += b * ch[k] - a * sh[k];
                }
                // fftshift: frequency (u, v) lands at ((u + h/2) mod h, (v + w/2) mod w).
                int su = (u + h / 2) % h;
                int sv = (v + w / 2) % w;
                double value = Math.log(Math.hypot(re, im) + 1);
                s[su * w + sv] = value;
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        for (int k = 0; k < s.length; k++) {
            s[k] = (s[k] - min + 1) / (max - min + 1);
        }
        return s;
    }

    private static void twiddles(int n, double[] cos, double[] sin) {
        for (int k = 0; k < n; k++) {
            double a = 2 * Math.PI * k / n;
            cos[k] = Math.cos(a);
            sin[k] = Math.sin(a);
        }
    }

    /**
     * cv2.resize INTER_LINEAR of a single-channel float image: source coordinate (d + 0.5) * scale - 0.5,
     * clamped at the edges as OpenCV clamps it (below 0 -> the first sample, past the last -> the last).
     */
    static double[] resizeLinear(double[] src, int h, int w, int outH, int outW) {
        int[] x0 = new int[outW];
        double[] fx = new double[outW];
        axis(w, outW, x0, fx);
        int[] y0 = new int[outH];
        double[] fy = new double[outH];
        axis(h, outH, y0, fy);
        double[] out = new double[outH * outW];
        for (int i = 0; i < outH; i++) {
            int ya = y0[i];
            int yb = Math.min(ya + 1, h - 1);
            for (int j = 0; j < outW; j++) {
                int xa = x0[j];
                int xb = Math.min(xa + 1, w - 1);
                double top = src[ya * w + xa] * (1 - fx[j]) + src[ya * w + xb] * fx[j];
                double bottom = src[yb * w + xa] * (1 - fx[j]) + src[yb * w + xb] * fx[j];
                out[i * outW + j] = top * (1 - fy[i]) + bottom * fy[i];
            }
        }
        return out;
    }

    private static void axis(int src, int dst, int[] start, double[] frac) {
        double scale = (double) src / dst;
        for (int d = 0; d < dst; d++) {
            double f = (d + 0.5) * scale - 0.5;
            int s = (int) Math.floor(f);
            f -= s;
            if (s < 0) {
                s = 0;
                f = 0;
            }
            if (s >= src - 1) {
                s = src - 1;
                f = 0;
            }
            start[d] = s;
            // OpenCV keeps the interpolation weights of float images in float.
            frac[d] = (float) f;
        }
    }
}
