package vigil.tensor.ops;

/** A row-major matrix transposed into another array: laid-out weights of the recurrent and 1x1 products. */
final class Transpose {
    private static final int TILE = 32;

    private Transpose() {
    }

    // m [rows, cols] -> t [cols, rows] with row stride ldt, in tiles so both sides stay in cache
    static void into(float[] m, int rows, int cols, float[] t, int ldt) {
        for (int r0 = 0; r0 < rows; r0 += TILE) {
            int r1 = Math.min(rows, r0 + TILE);
            for (int c0 = 0; c0 < cols; c0 += TILE) {
                int c1 = Math.min(cols, c0 + TILE);
                for (int r = r0; r < r1; r++) {
                    for (int c = c0; c < c1; c++) {
                        t[c * ldt + r] = m[r * cols + c];
                    }
                }
            }
        }
    }
}
