package vigil.face.tfjs;

import vigil.data.image.BgrImage;
import vigil.tensor.Tensor;

/**
 * The image ops face-api applies before its nets, with TF.js's CPU semantics, on float RGB images
 * laid out HWC (as TF.js holds them): region extraction, zero padding to a square, TF's legacy
 * bilinear resize (align_corners = false, half_pixel_centers = false: source = dst * in / out), and
 * mean subtraction then division by 255 into an NCHW tensor for Vigil's kernels.
 */
public final class TfImageOps {
    private TfImageOps() {
    }

    /** The region [x, x + w) x [y, y + h) of a BGR image as float RGB, HWC. The region must lie inside. */
    public static float[] rgb(BgrImage image, int x, int y, int w, int h) {
        if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > image.width() || y + h > image.height()) {
            throw new IllegalArgumentException("region " + x + "," + y + " " + w + "x" + h + " outside image "
                    + image.width() + "x" + image.height());
        }
        byte[] bgr = image.data();
        float[] out = new float[w * h * 3];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int s = ((y + r) * image.width() + x + c) * 3;
                int d = (r * w + c) * 3;
                out[d] = bgr[s + 2] & 0xff;
                out[d + 1] = bgr[s + 1] & 0xff;
                out[d + 2] = bgr[s] & 0xff;
            }
        }
        return out;
    }

    /**
     * face-api's padToSquare: zeros along the shorter side up to the longer. Not centred, all padding
     * goes after (bottom or right); centred, round(diff / 2) goes after and the rest before.
     * hwc: [h, w, 3] -> [side, side, 3] with side = max(h, w).
     */
    public static float[] padToSquare(float[] hwc, int h, int w, boolean centred) {
        int side = Math.max(h, w);
        if (h == w) {
            return hwc;
        }
        int diff = side - Math.min(h, w);
        int after = centred ? (int) Math.floor(diff * 0.5 + 0.5) : diff;
        int before = diff - after;
        int top = h < w ? before : 0;
        int left = w < h ? before : 0;
        float[] out = new float[side * side * 3];
        for (int r = 0; r < h; r++) {
            System.arraycopy(hwc, r * w * 3, out, ((r + top) * side + left) * 3, w * 3);
        }
        return out;
    }

    /** tf.image.resizeBilinear(x, [oh, ow], false, false) on one HWC image, evaluated as TF.js's CPU kernel does. */
    public static float[] resizeBilinear(float[] hwc, int h, int w, int oh, int ow) {
        float[] out = new float[oh * ow * 3];
        double rowRatio = (double) h / oh;
        double colRatio = (double) w / ow;
        int i = 0;
        for (int r = 0; r < oh; r++) {
            double fr = rowRatio * r;
            int r0 = Math.max(0, (int) Math.floor(fr));
            double rf = fr - r0;
            int r1 = Math.min(h - 1, (int) Math.ceil(fr));
            for (int c = 0; c < ow; c++) {
                double fc = colRatio * c;
                int c0 = Math.max(0, (int) Math.floor(fc));
                double cf = fc - c0;
                int c1 = Math.min(w - 1, (int) Math.ceil(fc));
                for (int ch = 0; ch < 3; ch++) {
                    double tl = hwc[(r0 * w + c0) * 3 + ch];
                    double tr = hwc[(r0 * w + c1) * 3 + ch];
                    double bl = hwc[(r1 * w + c0) * 3 + ch];
                    double br = hwc[(r1 * w + c1) * 3 + ch];
                    double top = tl + (tr - tl) * cf;
                    double bottom = bl + (br - bl) * cf;
                    out[i++] = (float) (top + (bottom - top) * rf);
                }
            }
        }
        return out;
    }

    /** (v - mean) / 255 per channel in float32, as face-api's normalize then div(255). hwc [s, s, 3] -> [1, 3, s, s]. */
    public static Tensor normalize(float[] hwc, int side, float[] meanRgb) {
        int plane = side * side;
        float[] out = new float[3 * plane];
        for (int p = 0; p < plane; p++) {
            for (int ch = 0; ch < 3; ch++) {
                out[ch * plane + p] = (hwc[p * 3 + ch] - meanRgb[ch]) / 255f;
            }
        }
        return Tensor.of(out, 1, 3, side, side);
    }
}
