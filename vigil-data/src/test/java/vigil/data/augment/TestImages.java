package vigil.data.augment;

import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/** Synthetic images and measurements shared by the augmentation tests. */
public final class TestImages {
    private TestImages() {
    }

    public static BgrImage flat(int w, int h, int b, int g, int r) {
        byte[] px = new byte[w * h * 3];
        for (int p = 0; p < w * h; p++) {
            px[3 * p] = (byte) b;
            px[3 * p + 1] = (byte) g;
            px[3 * p + 2] = (byte) r;
        }
        return new BgrImage(w, h, px);
    }

    /** Smooth colourful content (a face-like mix of gradients) plus some texture, reproducible from seed. */
    public static BgrImage natural(int w, int h, long seed) {
        Rng rng = new Rng(seed);
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = (y * w + x) * 3;
                px[p] = (byte) clamp(60 + 100 * x / w + rng.nextInt(20));
                px[p + 1] = (byte) clamp(90 + 80 * y / h + rng.nextInt(20));
                px[p + 2] = (byte) clamp(140 + 60 * Math.sin(x * 0.2) * Math.cos(y * 0.15) + rng.nextInt(20));
            }
        }
        return new BgrImage(w, h, px);
    }

    static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    /** Peak signal-to-noise ratio in dB over all channels (infinite for identical images). */
    public static double psnr(BgrImage a, BgrImage b) {
        double se = 0;
        for (int i = 0; i < a.data().length; i++) {
            double d = (a.data()[i] & 0xff) - (b.data()[i] & 0xff);
            se += d * d;
        }
        double mse = se / a.data().length;
        return 10 * Math.log10(255.0 * 255.0 / mse);
    }

    /** Channel c along row y, as doubles. */
    public static double[] row(BgrImage image, int y, int c) {
        double[] out = new double[image.width()];
        for (int x = 0; x < out.length; x++) {
            out[x] = image.get(x, y, c);
        }
        return out;
    }

    /** |DFT_k| / n of a real signal (a plain O(n) sum for one bin). */
    public static double dftMagnitude(double[] signal, int k) {
        double re = 0;
        double im = 0;
        int n = signal.length;
        for (int i = 0; i < n; i++) {
            double a = -2 * Math.PI * k * i / n;
            re += signal[i] * Math.cos(a);
            im += signal[i] * Math.sin(a);
        }
        return Math.hypot(re, im) / n;
    }

    public static double mean(BgrImage image, int c) {
        double s = 0;
        for (int p = c; p < image.data().length; p += 3) {
            s += image.data()[p] & 0xff;
        }
        return s / (image.width() * image.height());
    }

    public static double std(BgrImage image, int c) {
        double m = mean(image, c);
        double s = 0;
        for (int p = c; p < image.data().length; p += 3) {
            double d = (image.data()[p] & 0xff) - m;
            s += d * d;
        }
        return Math.sqrt(s / (image.width() * image.height()));
    }
}
