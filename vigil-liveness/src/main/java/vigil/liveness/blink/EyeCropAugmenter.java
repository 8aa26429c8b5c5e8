package vigil.liveness.blink;

import vigil.tensor.init.Rng;

/**
 * Photometric and geometric jitter for square grey eye crops, standing in for what varies between
 * cameras and frames: a shift of the crop (landmark jitter, head motion), a small scale change,
 * mirroring (left and right eyes), exposure and contrast, sensor noise and low resolution (a
 * downscale-upscale blur, as a 160x120 webcam gives).
 *
 * <p>Low resolution is the usual case, not the exception: the crop spans two eye widths, and on a
 * 160x120 webcam frame an eye is 5-10 pixels wide (8.4 on the kphotoalbum clip), so a crop holds
 * only 10-20 real pixels across; the photos the eyes come from show eyes of 20-60 pixels. Most
 * samples are therefore brought down to {@link #WEBCAM_MIN}..{@link #WEBCAM_MAX} pixels across
 * and back, after the eye was closed: the camera sees the lid, then loses the detail.
 */
public final class EyeCropAugmenter {
    /** Share of samples seen at webcam scale; the rest keep the source's detail (a closer or sharper camera). */
    static final float WEBCAM_SHARE = 0.8f;
    static final int WEBCAM_MIN = 10;
    static final int WEBCAM_MAX = 20;

    private final int size;

    public EyeCropAugmenter(int size) {
        this.size = size;
    }

    /** A jittered copy of crop (size*size values in [0,1]); strength in [0,1] scales the geometric jitter. */
    public float[] augment(float[] crop, float strength, Rng rng) {
        float dx = rng.uniform(-1.5f, 1.5f) * strength;
        float dy = rng.uniform(-1.5f, 1.5f) * strength;
        float scale = 1 + rng.uniform(-0.1f, 0.1f) * strength;
        boolean mirror = rng.nextFloat() < 0.5f;
        float[] out = new float[size * size];
        float c = size / 2f;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                float sx = (x + 0.5f - c) * scale + c + dx - 0.5f;
                float sy = (y + 0.5f - c) * scale + c + dy - 0.5f;
                out[y * size + (mirror ? size - 1 - x : x)] = bilinear(crop, sx, sy);
            }
        }
        if (rng.nextFloat() < WEBCAM_SHARE) {
            out = lowResolution(out, WEBCAM_MIN + rng.nextInt(WEBCAM_MAX - WEBCAM_MIN + 1));
        }
        float gain = rng.uniform(0.7f, 1.3f);
        float bias = rng.uniform(-0.15f, 0.15f);
        float noise = rng.uniform(0f, 0.03f);
        for (int i = 0; i < out.length; i++) {
            float v = (out[i] - 0.5f) * gain + 0.5f + bias + (float) (noise * rng.nextGaussian());
            out[i] = v < 0 ? 0 : v > 1 ? 1 : v;
        }
        return out;
    }

    /** Downscales to small x small and back (box down, bilinear up). */
    float[] lowResolution(float[] crop, int small) {
        float[] low = new float[small * small];
        float f = (float) size / small;
        for (int y = 0; y < small; y++) {
            for (int x = 0; x < small; x++) {
                float s = 0;
                int n = 0;
                for (int yy = (int) (y * f); yy < Math.min(size, (int) Math.ceil((y + 1) * f)); yy++) {
                    for (int xx = (int) (x * f); xx < Math.min(size, (int) Math.ceil((x + 1) * f)); xx++) {
                        s += crop[yy * size + xx];
                        n++;
                    }
                }
                low[y * small + x] = s / n;
            }
        }
        float[] out = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                float sx = (x + 0.5f) / f - 0.5f;
                float sy = (y + 0.5f) / f - 0.5f;
                out[y * size + x] = bilinearIn(low, small, sx, sy);
            }
        }
        return out;
    }

    private float bilinear(float[] img, float x, float y) {
        return bilinearIn(img, size, x, y);
    }

    private static float bilinearIn(float[] img, int n, float x, float y) {
        x = Math.max(0, Math.min(n - 1, x));
        y = Math.max(0, Math.min(n - 1, y));
        int x0 = (int) x;
        int y0 = (int) y;
        int x1 = Math.min(n - 1, x0 + 1);
        int y1 = Math.min(n - 1, y0 + 1);
        float fx = x - x0;
        float fy = y - y0;
        float top = img[y0 * n + x0] * (1 - fx) + img[y0 * n + x1] * fx;
        float bot = img[y1 * n + x0] * (1 - fx) + img[y1 * n + x1] * fx;
        return top * (1 - fy) + bot * fy;
    }
}
