package vigil.liveness.blink;

import vigil.data.image.BgrImage;
import vigil.tensor.Tensor;

/** Grey conversion of eye crops and the per-crop standardisation the eye-state CNN expects. */
public final class GreyCrops {
    private GreyCrops() {
    }

    /** BT.601 luma of a BGR image, row-major, in [0, 1]. */
    public static float[] grey(BgrImage image) {
        int n = image.width() * image.height();
        byte[] bgr = image.data();
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            int b = bgr[3 * i] & 0xff;
            int g = bgr[3 * i + 1] & 0xff;
            int r = bgr[3 * i + 2] & 0xff;
            out[i] = (0.114f * b + 0.587f * g + 0.299f * r) / 255f;
        }
        return out;
    }

    /**
     * Stacks crops (each CROP*CROP grey values) into x [N, 1, CROP, CROP], each standardised to zero
     * mean and unit deviation so that exposure and contrast of the camera do not decide the state.
     */
    public static Tensor batch(float[]... crops) {
        int n = EyeStateCnn.CROP * EyeStateCnn.CROP;
        float[] x = new float[crops.length * n];
        for (int c = 0; c < crops.length; c++) {
            float[] crop = crops[c];
            double mean = 0;
            for (float v : crop) {
                mean += v;
            }
            mean /= n;
            double var = 0;
            for (float v : crop) {
                var += (v - mean) * (v - mean);
            }
            float inv = (float) (1.0 / Math.sqrt(var / n + 1e-4));
            for (int i = 0; i < n; i++) {
                x[c * n + i] = (float) (crop[i] - mean) * inv;
            }
        }
        return Tensor.of(x, crops.length, 1, EyeStateCnn.CROP, EyeStateCnn.CROP);
    }
}
