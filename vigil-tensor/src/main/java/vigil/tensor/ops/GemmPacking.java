package vigil.tensor.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Copies blocks of A' and B' into the contiguous, zero-padded panels the micro-kernel of
 * {@link VectorGemm} streams. A panel of A' holds mr rows interleaved per k step:
 * ap[apOff + panel * kc * mr + p * mr + r]; a panel of B' holds nr columns per k step:
 * bp[panel * kc * nr + p * nr + j].
 * Padding rows and columns are zero, so every tile the kernel computes is full.
 *
 * <p>Every loop runs k step by k step and writes each panel front to back, reading the source as a few
 * sequential streams (one per row of A, or per column of B^T). Measured at 1024^3 on one thread: packing A'
 * row by row instead (strided writes, 48 bytes apart) took 1.75 ms of a 16.5 ms product, and B' by
 * System.arraycopy of 32 floats per k step 1.1 ms.
 */
final class GemmPacking {
    private static final VectorSpecies<Float> S = VectorGemm.species();
    private static final int L = S.length();

    private GemmPacking() {
    }

    // A'[i0 : i0+mc, p0 : p0+kc] -> ceil(mc/mr) panels of [kc, mr] from ap[apOff]; A' = A [m,k] or A^T
    // (A stored [k,m])
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc, int mr,
                      float[] ap, int apOff) {
        for (int ir = 0; ir < mc; ir += mr) {
            int rows = Math.min(mr, mc - ir);
            int dst = apOff + ir * kc;
            if (transA) {
                // Step p's rows are contiguous in A^T's storage.
                int src = aOff + p0 * lda + i0 + ir;
                for (int p = 0; p < kc; p++, dst += mr) {
                    System.arraycopy(a, src + p * lda, ap, dst, rows);
                    zero(ap, dst + rows, dst + mr);
                }
            } else {
                int src = aOff + (i0 + ir) * lda + p0;
                if (rows == mr && mr % 4 == 0) {
                    for (int r = 0; r < mr; r += 4) {
                        fourRows(a, src + r * lda, lda, kc, ap, dst + r, mr);
                    }
                    continue;
                }
                for (int p = 0; p < kc; p++, dst += mr) {
                    for (int r = 0, at = src + p; r < rows; r++, at += lda) {
                        ap[dst + r] = a[at];
                    }
                    zero(ap, dst + rows, dst + mr);
                }
            }
        }
    }

    // A stored [m,k]: rows src, src + lda, .. src + 3 lda, k steps 0..kc-1, to columns 0..3 of a panel of mr
    // rows at dst. Four rows at a time, so C2 keeps their offsets in registers: a 12-row version spilled them
    // and ran at 2-3 cycles per element (measured: 0.7-1.1 ms for A' at 1024^3, against 1.4-1.75 for the
    // general loop).
    private static void fourRows(float[] a, int src, int lda, int kc, float[] ap, int dst, int mr) {
        int r1 = src + lda;
        int r2 = src + 2 * lda;
        int r3 = src + 3 * lda;
        for (int p = 0; p < kc; p++, dst += mr) {
            ap[dst] = a[src + p];
            ap[dst + 1] = a[r1 + p];
            ap[dst + 2] = a[r2 + p];
            ap[dst + 3] = a[r3 + p];
        }
    }

    // B'[p0 : p0+kc, j0 : j0+nc] -> ceil(nc/nr) panels of [kc, nr] from bp[bpOff]; B' = B [k,n] or B^T
    // (B stored [n,k])
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc, int nr, float[] bp,
                      int bpOff) {
        if (!transB) {
            packRowsOfB(b, bOff, ldb, p0, kc, j0, nc, nr, bp, bpOff);
            return;
        }
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int dst = bpOff + jr * kc;
            int src = bOff + (j0 + jr) * ldb + p0;
            for (int p = 0; p < kc; p++, dst += nr) {
                for (int j = 0, at = src + p; j < cols; j++, at += ldb) {
                    bp[dst + j] = b[at];
                }
                zero(bp, dst + cols, dst + nr);
            }
        }
    }

    // B stored [k,n]: row by row across all panels, so B's block is read front to back (one stream the
    // prefetcher follows) instead of nr columns of every row per panel.
    private static void packRowsOfB(float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc, int nr, float[] bp,
                                    int bpOff) {
        int whole = nc / nr * nr;
        int vectorCols = nr / L * L; // all of nr for the kernels' NR = 2L
        for (int p = 0; p < kc; p++) {
            int from = bOff + (p0 + p) * ldb + j0;
            int dst = bpOff + p * nr;
            for (int jr = 0; jr < whole; jr += nr, dst += kc * nr) {
                for (int j = 0; j < vectorCols; j += L) {
                    FloatVector.fromArray(S, b, from + jr + j).intoArray(bp, dst + j);
                }
                for (int j = vectorCols; j < nr; j++) {
                    bp[dst + j] = b[from + jr + j];
                }
            }
            if (whole < nc) {
                int cols = nc - whole;
                System.arraycopy(b, from + whole, bp, dst, cols);
                zero(bp, dst + cols, dst + nr);
            }
        }
    }

    private static void zero(float[] x, int from, int to) {
        for (int i = from; i < to; i++) {
            x[i] = 0f;
        }
    }
}
