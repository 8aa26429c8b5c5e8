package vigil.tensor.ops;

/**
 * Unfolds convolution patches into a matrix and folds them back, so a convolution becomes one
 * matrix product per (sample, group). For the cPerGroup channels starting at xOff:
 * col [cPerGroup * kh * kw, ho * wo], row (ci, ky, kx), column (oy, ox); taps that fall in the
 * padding read (and fold back) as zero.
 */
final class Im2Col {
    private Im2Col() {
    }

    /** The product of one (sample, group): B = x in place (1x1) or the unfolded patches, at bOff; y at yOff. */
    @FunctionalInterface
    interface GroupProduct {
        void multiply(int group, float[] b, int bOff, int yOff);
    }

    // For each group of sample n: unfold its channels into col (col == null: a 1x1 convolution reads x in
    // place), then run the group's product into y [N, O, ho*wo].
    static void forEachGroup(Conv2dGeometry g, float[] x, int n, float[] col, GroupProduct product) {
        int cols = g.ho() * g.wo();
        for (int grp = 0; grp < g.groups(); grp++) {
            int xOff = (n * g.c() + grp * g.cPerGroup()) * g.h() * g.w();
            float[] b = x;
            int bOff = xOff;
            if (col != null) {
                im2col(g, x, xOff, col);
                b = col;
                bOff = 0;
            }
            product.multiply(grp, b, bOff, (n * g.o() + grp * g.oPerGroup()) * cols);
        }
    }

    // x: [cPerGroup, h, w] at xOff -> col: [cPerGroup*kh*kw, ho*wo]
    static void im2col(Conv2dGeometry g, float[] x, int xOff, float[] col) {
        im2colRows(g, x, xOff, col, 0, g.patch());
    }

    // rows [rowFrom, rowTo) of the unfolded matrix -> col: [rowTo - rowFrom, ho*wo] (for a split of the patch)
    static void im2colRows(Conv2dGeometry g, float[] x, int xOff, float[] col, int rowFrom, int rowTo) {
        int plane = g.h() * g.w();
        int cols = g.ho() * g.wo();
        int taps = g.kh() * g.kw();
        for (int row = rowFrom; row < rowTo; row++) {
            int ci = row / taps;
            int ky = (row % taps) / g.kw();
            int kx = row % g.kw();
            int xc = xOff + ci * plane;
            int r = (row - rowFrom) * cols;
            for (int oy = 0; oy < g.ho(); oy++) {
                int iy = oy * g.sh() - g.ph() + ky * g.dh();
                int rc = r + oy * g.wo();
                if (iy < 0 || iy >= g.h()) {
                    java.util.Arrays.fill(col, rc, rc + g.wo(), 0f);
                    continue;
                }
                int xr = xc + iy * g.w();
                for (int ox = 0; ox < g.wo(); ox++) {
                    int ix = ox * g.sw() - g.pw() + kx * g.dw();
                    col[rc + ox] = ix >= 0 && ix < g.w() ? x[xr + ix] : 0f;
                }
            }
        }
    }

    // col: [cPerGroup*kh*kw, ho*wo] -> accumulated into gx: [cPerGroup, h, w] at gxOff (the adjoint of im2col)
    static void col2imAccumulate(Conv2dGeometry g, float[] col, float[] gx, int gxOff) {
        int plane = g.h() * g.w();
        int cols = g.ho() * g.wo();
        int row = 0;
        for (int ci = 0; ci < g.cPerGroup(); ci++) {
            int xc = gxOff + ci * plane;
            for (int ky = 0; ky < g.kh(); ky++) {
                for (int kx = 0; kx < g.kw(); kx++, row++) {
                    int r = row * cols;
                    for (int oy = 0; oy < g.ho(); oy++) {
                        int iy = oy * g.sh() - g.ph() + ky * g.dh();
                        if (iy < 0 || iy >= g.h()) {
                            continue;
                        }
                        int rc = r + oy * g.wo();
                        int xr = xc + iy * g.w();
                        for (int ox = 0; ox < g.wo(); ox++) {
                            int ix = ox * g.sw() - g.pw() + kx * g.dw();
                            if (ix >= 0 && ix < g.w()) {
                                gx[xr + ix] += col[rc + ox];
                            }
                        }
                    }
                }
            }
        }
    }
}
