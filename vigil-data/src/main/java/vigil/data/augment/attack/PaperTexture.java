package vigil.data.augment.attack;

import vigil.tensor.init.Rng;

/** A smooth zero-mean noise field, unit-ish amplitude: white noise on a coarse grid, bilinearly enlarged. */
final class PaperTexture {
    /** The coarse grid spacing in pixels: paper fibres and uneven ink are a few pixels across. */
    private static final int CELL = 4;

    private PaperTexture() {
    }

    /** [h * w] values, reproducible from seed. */
    static float[] field(int w, int h, long seed) {
        int gw = w / CELL + 2;
        int gh = h / CELL + 2;
        float[] grid = new float[gw * gh];
        Rng rng = new Rng(seed);
        for (int i = 0; i < grid.length; i++) {
            grid[i] = (float) rng.nextGaussian();
        }
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            float gy = y / (float) CELL;
            int y0 = (int) gy;
            float fy = gy - y0;
            for (int x = 0; x < w; x++) {
                float gx = x / (float) CELL;
                int x0 = (int) gx;
                float fx = gx - x0;
                float top = grid[y0 * gw + x0] + fx * (grid[y0 * gw + x0 + 1] - grid[y0 * gw + x0]);
                float bottom = grid[(y0 + 1) * gw + x0] + fx * (grid[(y0 + 1) * gw + x0 + 1] - grid[(y0 + 1) * gw + x0]);
                out[y * w + x] = top + fy * (bottom - top);
            }
        }
        return out;
    }
}
