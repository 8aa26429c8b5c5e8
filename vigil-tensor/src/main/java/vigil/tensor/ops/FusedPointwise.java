package vigil.tensor.ops;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import vigil.tensor.ops.FusedConv2dOp.Activation;
import vigil.tensor.parallel.Parallel;

/**
 * The product of an inference convolution that is a plain matrix product per sample (a 1x1 convolution, or
 * any convolution after unfolding), with the bias, the activation and an optional residual applied to each
 * register tile as soon as it is written: y[m, n] = act(w[m, k] x[k, n] + bias) (+ residual[m, n]).
 *
 * <p>Why not {@link Gemm#sgemm} then a pass: at batch 1 MiniFASNet's products are small (n = 25..1600
 * columns, k = 3..308), so packing B (a copy of the input), zeroing C before adding into it, and reading
 * the output back for the epilogue cost as much as the multiply-adds. Here B is read in place (the rows
 * of x are already the k x n panel a tile needs) and A is broadcast from the weight rows.
 *
 * <p>Arithmetic: every element is, exactly as in {@link VectorGemm}, a fused multiply-add chain from zero
 * in k order per block of {@link VectorGemm#KC} values of k, the blocks' sums added in order; then
 * {@link FusedConv2dOp#epilogue}'s bias add and activation, then the residual add. So the output has the
 * bits of sgemm + epilogue + add, except that an exact -0 product sum followed by a bias of exactly -0.0f
 * gives -0 here and +0 there (sgemm adds its first block into a zeroed C). Rows are split across threads in
 * whole tiles, so the result does not depend on the thread count.
 *
 * <p>Tiles are 6 rows x 4 vectors (24 accumulators, 4 loads of x and 6 broadcasts per 24 FMAs), 1 x 4 for
 * the rows below a multiple of 6. The last n mod 4L columns are computed from a zero-padded copy of x's
 * tail columns (2 or 4 vectors wide) into a scratch tile and copied into y. Written out by hand, one local
 * per accumulator, and without masks: C2 (JDK 25) keeps such locals in registers, while the same kernels
 * with masked loads and stores ran some 50x slower (measured at batch 1; the vectors were boxed).
 */
final class FusedPointwise {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int ROWS = 6;
    private static final int WIDE = 4 * L;
    private static final int NARROW = 2 * L;
    private static final int KC = VectorGemm.KC;
    // Below about 0.5 M multiply-adds (some 10 us on one core) splitting costs more than the second core saves.
    // (2 M while a fork went through an executor; with the spinning workers 0.5 M measured 7 % faster at batch 1,
    // 0.25 M no faster again.)
    private static final long PARALLEL_MIN_WORK = 1L << 19;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private FusedPointwise() {
    }

    // Per-thread tiles for the k blocks after the first and for the last n mod 4L columns, reused across calls
    // (a training step runs these products per sample and layer).
    private static final class Scratch {
        final float[] partial = new float[ROWS * WIDE];
        final float[] out = new float[ROWS * WIDE];
        private float[] panel = new float[0];

        float[] panel(int size) {
            if (panel.length < size) {
                panel = new float[size];
            }
            return panel;
        }
    }

    /**
     * What is applied to each finished tile: y = act(y + bias[channel]) (+ residual at y's index), with
     * channel = firstChannel + the product's row; slopes one per channel or one shared.
     */
    record Epilogue(float[] bias, Activation act, float[] slopes, float[] residual, int firstChannel) {
        Epilogue(float[] bias, Activation act, float[] slopes, float[] residual) {
            this(bias, act, slopes, residual, 0);
        }

        /** The same epilogue for a product whose row 0 is output channel first (a group's rows). */
        Epilogue forGroup(int first) {
            return new Epilogue(bias, act, slopes, residual, first);
        }

        float bias(int row) {
            return bias[firstChannel + row];
        }

        float slope(int row) {
            return act == Activation.PRELU ? slopes[slopes.length == 1 ? 0 : firstChannel + row] : 0f;
        }
    }

    /**
     * y[m, n] at yOff = act(w[m, k] x[k, n] at xOff + bias) (+ residual at yOff), or the bare product when e is
     * null (then the bits of {@link Gemm#sgemm} with beta 0, up to the sign of an exact zero). Rows of w have
     * stride k, rows of x and y stride n. Splits rows across the pool when the product is large enough.
     */
    static void forward(int m, int n, int k, float[] w, int wOff, float[] x, int xOff, float[] y, int yOff,
                        Epilogue e) {
        int tiles = (m + ROWS - 1) / ROWS;
        if ((long) m * n * k < PARALLEL_MIN_WORK || Parallel.threads() == 1 || tiles < 2) {
            rows(0, m, n, k, w, wOff, x, xOff, y, yOff, e);
        } else {
            Parallel.forRange(tiles, 1, (t0, t1) -> rows(t0 * ROWS, Math.min(m, t1 * ROWS), n, k, w, wOff, x, xOff,
                    y, yOff, e));
        }
    }

    // rows [r0, r1) of y, on the calling thread. Whole blocks of 4L columns are computed in place; the last
    // n mod 4L columns from a zero-padded copy of x's tail columns into a scratch tile, then copied into y.
    private static void rows(int r0, int r1, int n, int k, float[] w, int wOff, float[] x, int xOff, float[] y,
                             int yOff, Epilogue e) {
        Scratch scratch = SCRATCH.get();
        float[] partial = k > KC ? scratch.partial : null;
        int full = n / WIDE * WIDE;
        for (int j = 0; j < full; j += WIDE) {
            for (int r = r0; r < r1; ) {
                int rows = r + ROWS <= r1 ? ROWS : 1;
                int yAt = yOff + r * n + j;
                tile(rows, WIDE, k, w, wOff + r * k, x, xOff + j, n, y, yAt, n, partial);
                finish(e, rows, r, j, WIDE, n, y, yOff);
                r += rows;
            }
        }
        if (full == n) {
            return;
        }
        int cols = n - full;
        int width = cols <= NARROW ? NARROW : WIDE;
        float[] panel = scratch.panel(k * width);
        for (int p = 0; p < k; p++) {
            System.arraycopy(x, xOff + p * n + full, panel, p * width, cols);
            Arrays.fill(panel, p * width + cols, (p + 1) * width, 0f);
        }
        float[] out = scratch.out;
        for (int r = r0; r < r1; ) {
            int rows = r + ROWS <= r1 ? ROWS : 1;
            tile(rows, width, k, w, wOff + r * k, panel, 0, width, out, 0, width, partial);
            for (int i = 0; i < rows; i++) {
                System.arraycopy(out, i * width, y, yOff + (r + i) * n + full, cols);
            }
            finish(e, rows, r, full, cols, n, y, yOff);
            r += rows;
        }
    }

    // dst[rows, width] at at (row stride ld) = w[rows, k] at wAt (row stride k) x x[k, width] at xAt (row stride
    // ldx), raw: the KC blocks' FMA chains added in order (blocks after the first through the partial tile)
    private static void tile(int rows, int width, int k, float[] w, int wAt, float[] x, int xAt, int ldx,
                             float[] dst, int at, int ld, float[] partial) {
        for (int p = 0; p < k; p += KC) {
            int kc = Math.min(KC, k - p);
            float[] to = p == 0 ? dst : partial;
            int toAt = p == 0 ? at : 0;
            int toLd = p == 0 ? ld : WIDE;
            int xp = xAt + p * ldx;
            if (rows == ROWS && width == WIDE) {
                rows6x4(kc, w, wAt + p, k, x, xp, ldx, to, toAt, toLd);
            } else if (rows == ROWS) {
                rows6x2(kc, w, wAt + p, k, x, xp, ldx, to, toAt, toLd);
            } else if (width == WIDE) {
                rows1x4(kc, w, wAt + p, x, xp, ldx, to, toAt);
            } else {
                rows1x2(kc, w, wAt + p, x, xp, ldx, to, toAt);
            }
            if (p > 0) {
                for (int i = 0; i < rows; i++) {
                    for (int c = 0; c < width; c++) {
                        dst[at + i * ld + c] += partial[i * WIDE + c];
                    }
                }
            }
        }
    }

    // y[rows at r, cols at j] = act(y + bias) (+ residual), one row segment at a time while the tile is in L1
    private static void finish(Epilogue e, int rows, int r, int j, int cols, int n, float[] y, int yOff) {
        if (e == null) {
            return;
        }
        for (int i = r; i < r + rows; i++) {
            int at = yOff + i * n + j;
            segment(y, at, cols, e.bias(i), e.act(), e.slope(i), e.residual(), at);
        }
    }

    // y[at, at + len) = act(y + b) (+ residual[resAt...]): the bias add, the activation, then the residual add;
    // vector lanes where the Vector API is on (the same float operations as the scalar tail), scalar otherwise
    static void segment(float[] y, int at, int len, float b, Activation act, float slope, float[] residual,
                        int resAt) {
        int i = 0;
        FloatVector zero = FloatVector.zero(S);
        for (int end = Gemm.VECTOR ? len - L + 1 : 0; i < end; i += L) {
            FloatVector v = FloatVector.fromArray(S, y, at + i).add(b);
            if (act != Activation.IDENTITY) {
                VectorMask<Float> positive = v.compare(VectorOperators.GT, 0f);
                v = (act == Activation.RELU ? zero : v.mul(slope)).blend(v, positive);
            }
            if (residual != null) {
                v = FloatVector.fromArray(S, residual, resAt + i).add(v);
            }
            v.intoArray(y, at + i);
        }
        for (; i < len; i++) {
            float v = y[at + i] + b;
            v = switch (act) {
                case IDENTITY -> v;
                case RELU -> v > 0f ? v : 0f;
                case PRELU -> v > 0f ? v : v * slope;
            };
            y[at + i] = residual == null ? v : residual[resAt + i] + v;
        }
    }

    // y[6, 4L] at yAt (row stride ldy) = w[6, kc] at wAt (row stride ldw) x x[kc, 4L] at xAt (row stride ldx).
    private static void rows6x4(int kc, float[] w, int wAt, int ldw, float[] x, int xAt, int ldx, float[] y, int yAt,
                                int ldy) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c02 = FloatVector.zero(S);
        FloatVector c03 = FloatVector.zero(S), c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c12 = FloatVector.zero(S), c13 = FloatVector.zero(S), c20 = FloatVector.zero(S);
        FloatVector c21 = FloatVector.zero(S), c22 = FloatVector.zero(S), c23 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S), c32 = FloatVector.zero(S);
        FloatVector c33 = FloatVector.zero(S), c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c42 = FloatVector.zero(S), c43 = FloatVector.zero(S), c50 = FloatVector.zero(S);
        FloatVector c51 = FloatVector.zero(S), c52 = FloatVector.zero(S), c53 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int xo = xAt + p * ldx;
            FloatVector b0 = FloatVector.fromArray(S, x, xo);
            FloatVector b1 = FloatVector.fromArray(S, x, xo + L);
            FloatVector b2 = FloatVector.fromArray(S, x, xo + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, x, xo + 3 * L);
            int wo = wAt + p;
            FloatVector a = FloatVector.broadcast(S, w[wo]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            c02 = a.fma(b2, c02);
            c03 = a.fma(b3, c03);
            a = FloatVector.broadcast(S, w[wo + ldw]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            c12 = a.fma(b2, c12);
            c13 = a.fma(b3, c13);
            a = FloatVector.broadcast(S, w[wo + 2 * ldw]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            c22 = a.fma(b2, c22);
            c23 = a.fma(b3, c23);
            a = FloatVector.broadcast(S, w[wo + 3 * ldw]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            c32 = a.fma(b2, c32);
            c33 = a.fma(b3, c33);
            a = FloatVector.broadcast(S, w[wo + 4 * ldw]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            c42 = a.fma(b2, c42);
            c43 = a.fma(b3, c43);
            a = FloatVector.broadcast(S, w[wo + 5 * ldw]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
            c52 = a.fma(b2, c52);
            c53 = a.fma(b3, c53);
        }
        c00.intoArray(y, yAt);
        c01.intoArray(y, yAt + L);
        c02.intoArray(y, yAt + 2 * L);
        c03.intoArray(y, yAt + 3 * L);
        int y1 = yAt + ldy;
        c10.intoArray(y, y1);
        c11.intoArray(y, y1 + L);
        c12.intoArray(y, y1 + 2 * L);
        c13.intoArray(y, y1 + 3 * L);
        int y2 = y1 + ldy;
        c20.intoArray(y, y2);
        c21.intoArray(y, y2 + L);
        c22.intoArray(y, y2 + 2 * L);
        c23.intoArray(y, y2 + 3 * L);
        int y3 = y2 + ldy;
        c30.intoArray(y, y3);
        c31.intoArray(y, y3 + L);
        c32.intoArray(y, y3 + 2 * L);
        c33.intoArray(y, y3 + 3 * L);
        int y4 = y3 + ldy;
        c40.intoArray(y, y4);
        c41.intoArray(y, y4 + L);
        c42.intoArray(y, y4 + 2 * L);
        c43.intoArray(y, y4 + 3 * L);
        int y5 = y4 + ldy;
        c50.intoArray(y, y5);
        c51.intoArray(y, y5 + L);
        c52.intoArray(y, y5 + 2 * L);
        c53.intoArray(y, y5 + 3 * L);
    }

    // As rows6x4 for 2L columns.
    private static void rows6x2(int kc, float[] w, int wAt, int ldw, float[] x, int xAt, int ldx, float[] y, int yAt,
                                int ldy) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S), c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S), c40 = FloatVector.zero(S);
        FloatVector c41 = FloatVector.zero(S), c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int xo = xAt + p * ldx;
            FloatVector b0 = FloatVector.fromArray(S, x, xo);
            FloatVector b1 = FloatVector.fromArray(S, x, xo + L);
            int wo = wAt + p;
            FloatVector a = FloatVector.broadcast(S, w[wo]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, w[wo + ldw]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, w[wo + 2 * ldw]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, w[wo + 3 * ldw]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, w[wo + 4 * ldw]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, w[wo + 5 * ldw]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        c00.intoArray(y, yAt);
        c01.intoArray(y, yAt + L);
        int y1 = yAt + ldy;
        c10.intoArray(y, y1);
        c11.intoArray(y, y1 + L);
        int y2 = y1 + ldy;
        c20.intoArray(y, y2);
        c21.intoArray(y, y2 + L);
        int y3 = y2 + ldy;
        c30.intoArray(y, y3);
        c31.intoArray(y, y3 + L);
        int y4 = y3 + ldy;
        c40.intoArray(y, y4);
        c41.intoArray(y, y4 + L);
        int y5 = y4 + ldy;
        c50.intoArray(y, y5);
        c51.intoArray(y, y5 + L);
    }

    // One row: y[4L] at yAt = w[kc] at wAt x x[kc, 4L] at xAt (row stride ldx).
    private static void rows1x4(int kc, float[] w, int wAt, float[] x, int xAt, int ldx, float[] y, int yAt) {
        FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S), c3 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int xo = xAt + p * ldx;
            FloatVector a = FloatVector.broadcast(S, w[wAt + p]);
            c0 = a.fma(FloatVector.fromArray(S, x, xo), c0);
            c1 = a.fma(FloatVector.fromArray(S, x, xo + L), c1);
            c2 = a.fma(FloatVector.fromArray(S, x, xo + 2 * L), c2);
            c3 = a.fma(FloatVector.fromArray(S, x, xo + 3 * L), c3);
        }
        c0.intoArray(y, yAt);
        c1.intoArray(y, yAt + L);
        c2.intoArray(y, yAt + 2 * L);
        c3.intoArray(y, yAt + 3 * L);
    }

    // One row: y[2L] at yAt = w[kc] at wAt x x[kc, 2L] at xAt (row stride ldx).
    private static void rows1x2(int kc, float[] w, int wAt, float[] x, int xAt, int ldx, float[] y, int yAt) {
        FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int xo = xAt + p * ldx;
            FloatVector a = FloatVector.broadcast(S, w[wAt + p]);
            c0 = a.fma(FloatVector.fromArray(S, x, xo), c0);
            c1 = a.fma(FloatVector.fromArray(S, x, xo + L), c1);
        }
        c0.intoArray(y, yAt);
        c1.intoArray(y, yAt + L);
    }
}
