package vigil.quant.int8;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;

/**
 * The multiply-accumulate core of pointwise and im2col convolution: acc[o, p] = sum_k w[o, k] * x[k, p]
 * with w: [O, K] int8 weights held as int16, x: [K, P] input codes minus their zero point as int16
 * (|x| <= 255), acc: [O, P] int32. Exact integer arithmetic, so the vector kernel and its scalar twin give
 * the same bits; the sum fits int32 for K < 2^31 / (128 * 255), i.e. K < 65793.
 *
 * <p>The vector kernel runs four output rows at once over L columns, so each int16 load of x serves four
 * broadcast weights; each int16 product is widened to int32 before it is added.
 */
final class Int8Gemm {
    static final int MAX_DEPTH = 65_792;
    private static final int ROWS = 4;

    private Int8Gemm() {
    }

    static void multiply(short[] w, short[] x, int[] acc, int o, int k, int p) {
        if (k > MAX_DEPTH) {
            throw new IllegalArgumentException("int8 GEMM: reduction depth " + k + " could overflow int32 (max "
                    + MAX_DEPTH + ")");
        }
        if (Int8Lanes.VECTOR) {
            vector(w, x, acc, o, k, p);
        } else {
            scalar(w, x, acc, o, k, p);
        }
    }

    static void scalar(short[] w, short[] x, int[] acc, int o, int k, int p) {
        for (int r = 0; r < o; r++) {
            int row = r * p;
            java.util.Arrays.fill(acc, row, row + p, 0);
            for (int i = 0; i < k; i++) {
                int wv = w[r * k + i];
                int xr = i * p;
                for (int j = 0; j < p; j++) {
                    acc[row + j] += wv * x[xr + j];
                }
            }
        }
    }

    static void vector(short[] w, short[] x, int[] acc, int o, int k, int p) {
        int lanes = Int8Lanes.L;
        int bound = p - p % lanes;
        int r = 0;
        for (; r + ROWS <= o; r += ROWS) {
            int w0 = r * k;
            int w1 = w0 + k;
            int w2 = w1 + k;
            int w3 = w2 + k;
            for (int j = 0; j < bound; j += lanes) {
                IntVector a0 = IntVector.zero(Int8Lanes.INT);
                IntVector a1 = a0;
                IntVector a2 = a0;
                IntVector a3 = a0;
                for (int i = 0; i < k; i++) {
                    ShortVector xv = ShortVector.fromArray(Int8Lanes.SHORT, x, i * p + j);
                    a0 = Int8Lanes.fma(a0, xv, w[w0 + i]);
                    a1 = Int8Lanes.fma(a1, xv, w[w1 + i]);
                    a2 = Int8Lanes.fma(a2, xv, w[w2 + i]);
                    a3 = Int8Lanes.fma(a3, xv, w[w3 + i]);
                }
                a0.intoArray(acc, r * p + j);
                a1.intoArray(acc, (r + 1) * p + j);
                a2.intoArray(acc, (r + 2) * p + j);
                a3.intoArray(acc, (r + 3) * p + j);
            }
            for (int q = 0; q < ROWS; q++) {
                tail(w, x, acc, r + q, k, p, bound);
            }
        }
        for (; r < o; r++) {
            for (int j = 0; j < bound; j += lanes) {
                IntVector a = IntVector.zero(Int8Lanes.INT);
                for (int i = 0; i < k; i++) {
                    a = Int8Lanes.fma(a, ShortVector.fromArray(Int8Lanes.SHORT, x, i * p + j), w[r * k + i]);
                }
                a.intoArray(acc, r * p + j);
            }
            tail(w, x, acc, r, k, p, bound);
        }
    }

    private static void tail(short[] w, short[] x, int[] acc, int r, int k, int p, int from) {
        for (int j = from; j < p; j++) {
            int s = 0;
            for (int i = 0; i < k; i++) {
                s += w[r * k + i] * x[i * p + j];
            }
            acc[r * p + j] = s;
        }
    }
}
