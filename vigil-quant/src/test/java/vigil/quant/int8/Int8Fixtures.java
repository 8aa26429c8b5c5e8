package vigil.quant.int8;

import java.util.Random;

/** Random int8 operands and scales for the kernel tests (fixed seeds, so failures reproduce). */
final class Int8Fixtures {
    private Int8Fixtures() {
    }

    static byte[] codes(Random r, int n) {
        byte[] a = new byte[n];
        for (int i = 0; i < n; i++) {
            a[i] = (byte) (r.nextInt(256) - 128);
        }
        return a;
    }

    /** Symmetric int8 weights in [-127, 127]. */
    static byte[] weights(Random r, int n) {
        byte[] a = new byte[n];
        for (int i = 0; i < n; i++) {
            a[i] = (byte) (r.nextInt(255) - 127);
        }
        return a;
    }

    static float[] scales(Random r, int n, float lo, float hi) {
        float[] s = new float[n];
        for (int i = 0; i < n; i++) {
            s[i] = lo + (hi - lo) * r.nextFloat();
        }
        return s;
    }

    static int[] bias(Random r, int n, int magnitude) {
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            b[i] = r.nextInt(2 * magnitude + 1) - magnitude;
        }
        return b;
    }

    /**
     * An output scale that maps the middle 90% of the twin's real outputs (u computed at scale 1) onto the
     * int8 range, so that some outputs saturate at both ends.
     */
    static float outputScale(double[] realAtScaleOne) {
        double[] sorted = realAtScaleOne.clone();
        java.util.Arrays.sort(sorted);
        double lo = sorted[(int) (0.05 * (sorted.length - 1))];
        double hi = sorted[(int) (0.95 * (sorted.length - 1))];
        double span = Math.max(hi - Math.min(lo, 0), 1e-3);
        return (float) (span / 255.0);
    }

    static int zeroPointFor(double[] realAtScaleOne, float scale) {
        double lo = Math.min(0, java.util.Arrays.stream(realAtScaleOne).min().orElse(0));
        return (int) Math.max(-128, Math.min(127, Math.round(-128 - lo / scale * 0.9)));
    }

    static double[] multipliers(float sIn, float[] sW, float sOut) {
        double[] m = new double[sW.length];
        for (int c = 0; c < m.length; c++) {
            m[c] = (double) sIn * sW[c] / sOut;
        }
        return m;
    }

    static double[] scaled(double[] u, double by) {
        double[] v = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            v[i] = u[i] * by;
        }
        return v;
    }
}
