package vigil.tensor.ops;

/**
 * Copies blocks of A' and B' into the contiguous, zero-padded panels the micro-kernel of
 * {@link VectorGemm} streams. A panel of A' holds mr rows interleaved per k step:
 * ap[apOff + panel * kc * mr + p * mr + r]; a panel of B' holds nr columns per k step:
 * bp[panel * kc * nr + p * nr + j].
 * Padding rows and columns are zero, so every tile the kernel computes is full.
 */
final class GemmPacking {
    private GemmPacking() {
    }

    // A'[i0 : i0+mc, p0 : p0+kc] -> ceil(mc/mr) panels of [kc, mr] from ap[apOff]; A' = A [m,k] or A^T
    // (A stored [k,m])
    static void packA(boolean transA, float[] a, int aOff, int lda, int i0, int mc, int p0, int kc, int mr,
                      float[] ap, int apOff) {
        for (int ir = 0; ir < mc; ir += mr) {
            int rows = Math.min(mr, mc - ir);
            int base = apOff + ir * kc;
            for (int r = 0; r < mr; r++) {
                if (r >= rows) {
                    for (int p = 0; p < kc; p++) {
                        ap[base + p * mr + r] = 0f;
                    }
                } else if (transA) {
                    int src = aOff + p0 * lda + i0 + ir + r;
                    for (int p = 0; p < kc; p++) {
                        ap[base + p * mr + r] = a[src + p * lda];
                    }
                } else {
                    int src = aOff + (i0 + ir + r) * lda + p0;
                    for (int p = 0; p < kc; p++) {
                        ap[base + p * mr + r] = a[src + p];
                    }
                }
            }
        }
    }

    // B'[p0 : p0+kc, j0 : j0+nc] -> ceil(nc/nr) panels of [kc, nr] from bp[bpOff]; B' = B [k,n] or B^T
    // (B stored [n,k])
    static void packB(boolean transB, float[] b, int bOff, int ldb, int p0, int kc, int j0, int nc, int nr, float[] bp,
                      int bpOff) {
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int base = bpOff + jr * kc;
            if (transB) {
                for (int j = 0; j < nr; j++) {
                    if (j >= cols) {
                        for (int p = 0; p < kc; p++) {
                            bp[base + p * nr + j] = 0f;
                        }
                        continue;
                    }
                    int src = bOff + (j0 + jr + j) * ldb + p0;
                    for (int p = 0; p < kc; p++) {
                        bp[base + p * nr + j] = b[src + p];
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int dst = base + p * nr;
                    System.arraycopy(b, bOff + (p0 + p) * ldb + j0 + jr, bp, dst, cols);
                    if (cols < nr) {
                        java.util.Arrays.fill(bp, dst + cols, dst + nr, 0f);
                    }
                }
            }
        }
    }
}
