package vigil.tensor.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * C[:, j0:j1] = A B[:, j0:j1] (+ C) with A [m, k] and B [k, n] both row-major and B already laid out as the
 * kernel wants it, so nothing is packed: the per-step products of a recurrent layer (h(t-1) W_hh^T with W_hh^T
 * transposed once per sequence, dGh W_hh in the backward), where packing the weight every step cost as much
 * as the product, and where each of a few threads owns a range of columns.
 *
 * <p>Every element of C is one fused multiply-add chain from zero over p = 0..k-1, then added to C once (or
 * stored): the 4-row x 4- and 2-vector register blocks, the single-row path, vector lanes and the scalar twin
 * ({@code -Dvigil.vector=off}) give the same bits, so results do not depend on how a caller splits rows or
 * columns. Columns are walked in strips of 4 vectors (then 2, then single vectors) over all rows, so a strip
 * of B (k x 4L floats) stays in L1 while every row block reads it. Single-threaded: callers split the columns
 * or rows.
 */
final class RowStreamGemm {
    private static final VectorSpecies<Float> S = VectorGemm.species();
    private static final int L = S.length();
    private static final int MR = 4;

    private RowStreamGemm() {
    }

    /**
     * @param a          A at aOff, [m, k] with row stride lda
     * @param b          B at bOff, [k, n] with row stride ldb; columns j0..j1-1 are read
     * @param c          C at cOff, [m, n] with row stride ldc; columns j0..j1-1 are written
     * @param accumulate true: C += A B; false: C = A B
     */
    static void columns(int m, int j0, int j1, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                        boolean accumulate, float[] c, int cOff, int ldc) {
        if (!Gemm.VECTOR) {
            scalar(m, j0, j1, k, a, aOff, lda, b, bOff, ldb, accumulate, c, cOff, ldc);
            return;
        }
        if (m == 1) {
            // Batch-1 inference: its own method, so its JIT profile is not the one the batched (training)
            // calls leave in tail(), where the column loops never run; sharing it made the recompiled
            // single-row code about 3x slower once a training workload had run in the same JVM.
            singleRow(j0, j1, k, a, aOff, b, bOff, ldb, accumulate, c, cOff);
            return;
        }
        int j = j0;
        for (; j + 4 * L <= j1; j += 4 * L) {
            int i = 0;
            for (; i + MR <= m; i += MR) {
                block4x4(i, j, k, a, aOff, lda, b, bOff, ldb, accumulate, c, cOff, ldc);
            }
            for (; i < m; i++) {
                tail(i, j, j + 4 * L, k, a, aOff, lda, b, bOff, ldb, accumulate, c, cOff, ldc);
            }
        }
        for (; j + 2 * L <= j1; j += 2 * L) {
            int i = 0;
            for (; i + MR <= m; i += MR) {
                block4x2(i, j, k, a, aOff, lda, b, bOff, ldb, accumulate, c, cOff, ldc);
            }
            for (; i < m; i++) {
                tail(i, j, j + 2 * L, k, a, aOff, lda, b, bOff, ldb, accumulate, c, cOff, ldc);
            }
        }
        if (j < j1) {
            for (int i = 0; i < m; i++) {
                tail(i, j, j1, k, a, aOff, lda, b, bOff, ldb, accumulate, c, cOff, ldc);
            }
        }
    }

    // The scalar twin: the same chain per element.
    private static void scalar(int m, int j0, int j1, int k, float[] a, int aOff, int lda, float[] b, int bOff,
                               int ldb, boolean accumulate, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int ar = aOff + i * lda;
            int cr = cOff + i * ldc;
            for (int j = j0; j < j1; j++) {
                float s = 0f;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[ar + p], b[bOff + p * ldb + j], s);
                }
                c[cr + j] = accumulate ? c[cr + j] + s : s;
            }
        }
    }

    // C[i:i+4, j:j+4L] from a 4 x 4-vector register block: 16 accumulators, 4 loads of B and 4 broadcasts of A
    // per 16 fused multiply-adds (the 4 x 2 block needs 6 per 8), so the loads no longer bound the step products.
    private static void block4x4(int i, int j, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                 boolean accumulate, float[] c, int cOff, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c02 = FloatVector.zero(S), c03 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S), c12 = FloatVector.zero(S), c13 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c22 = FloatVector.zero(S), c23 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S), c32 = FloatVector.zero(S), c33 = FloatVector.zero(S);
        int a0 = aOff + i * lda;
        for (int p = 0; p < k; p++) {
            int bp = bOff + p * ldb + j;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, bp + 3 * L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
            x = FloatVector.broadcast(S, a[a0 + lda + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            c13 = x.fma(b3, c13);
            x = FloatVector.broadcast(S, a[a0 + 2 * lda + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            c23 = x.fma(b3, c23);
            x = FloatVector.broadcast(S, a[a0 + 3 * lda + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            c33 = x.fma(b3, c33);
        }
        // the stores written out here, not in a helper: C2 boxes vectors passed to a call it does not inline
        int o = cOff + i * ldc + j;
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(S, c, o));
            c01 = c01.add(FloatVector.fromArray(S, c, o + L));
            c02 = c02.add(FloatVector.fromArray(S, c, o + 2 * L));
            c03 = c03.add(FloatVector.fromArray(S, c, o + 3 * L));
            c10 = c10.add(FloatVector.fromArray(S, c, o + ldc));
            c11 = c11.add(FloatVector.fromArray(S, c, o + ldc + L));
            c12 = c12.add(FloatVector.fromArray(S, c, o + ldc + 2 * L));
            c13 = c13.add(FloatVector.fromArray(S, c, o + ldc + 3 * L));
            c20 = c20.add(FloatVector.fromArray(S, c, o + 2 * ldc));
            c21 = c21.add(FloatVector.fromArray(S, c, o + 2 * ldc + L));
            c22 = c22.add(FloatVector.fromArray(S, c, o + 2 * ldc + 2 * L));
            c23 = c23.add(FloatVector.fromArray(S, c, o + 2 * ldc + 3 * L));
            c30 = c30.add(FloatVector.fromArray(S, c, o + 3 * ldc));
            c31 = c31.add(FloatVector.fromArray(S, c, o + 3 * ldc + L));
            c32 = c32.add(FloatVector.fromArray(S, c, o + 3 * ldc + 2 * L));
            c33 = c33.add(FloatVector.fromArray(S, c, o + 3 * ldc + 3 * L));
        }
        c00.intoArray(c, o);
        c01.intoArray(c, o + L);
        c02.intoArray(c, o + 2 * L);
        c03.intoArray(c, o + 3 * L);
        c10.intoArray(c, o + ldc);
        c11.intoArray(c, o + ldc + L);
        c12.intoArray(c, o + ldc + 2 * L);
        c13.intoArray(c, o + ldc + 3 * L);
        c20.intoArray(c, o + 2 * ldc);
        c21.intoArray(c, o + 2 * ldc + L);
        c22.intoArray(c, o + 2 * ldc + 2 * L);
        c23.intoArray(c, o + 2 * ldc + 3 * L);
        c30.intoArray(c, o + 3 * ldc);
        c31.intoArray(c, o + 3 * ldc + L);
        c32.intoArray(c, o + 3 * ldc + 2 * L);
        c33.intoArray(c, o + 3 * ldc + 3 * L);
    }

    // C[i:i+4, j:j+2L] from a 4 x 2-vector register block.
    private static void block4x2(int i, int j, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                 boolean accumulate, float[] c, int cOff, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        int a0 = aOff + i * lda;
        for (int p = 0; p < k; p++) {
            int bp = bOff + p * ldb + j;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a0 + lda + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a0 + 2 * lda + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a0 + 3 * lda + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        int c0 = cOff + i * ldc + j;
        store(c, c0, c00, c01, accumulate);
        store(c, c0 + ldc, c10, c11, accumulate);
        store(c, c0 + 2 * ldc, c20, c21, accumulate);
        store(c, c0 + 3 * ldc, c30, c31, accumulate);
    }

    private static void store(float[] c, int at, FloatVector lo, FloatVector hi, boolean accumulate) {
        if (accumulate) {
            lo = lo.add(FloatVector.fromArray(S, c, at));
            hi = hi.add(FloatVector.fromArray(S, c, at + L));
        }
        lo.intoArray(c, at);
        hi.intoArray(c, at + L);
    }

    // Row i of C from column j0 on: whole vectors, then a scalar fused chain per remaining column.
    private static void tail(int i, int j0, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff,
                             int ldb, boolean accumulate, float[] c, int cOff, int ldc) {
        int ar = aOff + i * lda;
        int cr = cOff + i * ldc;
        int j = j0;
        for (; j + 4 * L <= n; j += 4 * L) {
            // four independent chains, so one row (batch 1) is not bound by the FMA latency
            FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
            FloatVector s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
            for (int p = 0; p < k; p++) {
                FloatVector x = FloatVector.broadcast(S, a[ar + p]);
                int bp = bOff + p * ldb + j;
                s0 = x.fma(FloatVector.fromArray(S, b, bp), s0);
                s1 = x.fma(FloatVector.fromArray(S, b, bp + L), s1);
                s2 = x.fma(FloatVector.fromArray(S, b, bp + 2 * L), s2);
                s3 = x.fma(FloatVector.fromArray(S, b, bp + 3 * L), s3);
            }
            store(c, cr + j, s0, s1, accumulate);
            store(c, cr + j + 2 * L, s2, s3, accumulate);
        }
        for (; j + L <= n; j += L) {
            FloatVector s = FloatVector.zero(S);
            for (int p = 0; p < k; p++) {
                s = FloatVector.broadcast(S, a[ar + p]).fma(FloatVector.fromArray(S, b, bOff + p * ldb + j), s);
            }
            if (accumulate) {
                s = s.add(FloatVector.fromArray(S, c, cr + j));
            }
            s.intoArray(c, cr + j);
        }
        for (; j < n; j++) {
            float s = 0f;
            for (int p = 0; p < k; p++) {
                s = Math.fma(a[ar + p], b[bOff + p * ldb + j], s);
            }
            c[cr + j] = accumulate ? c[cr + j] + s : s;
        }
    }

    // tail() for the one row of an m == 1 product (A at aOff, C at cOff), the same sums in the same order,
    // kept separate so it is compiled for the single-row case alone (see multiply).
    private static void singleRow(int j0, int n, int k, float[] a, int aOff, float[] b, int bOff, int ldb,
                                  boolean accumulate, float[] c, int cOff) {
        int ar = aOff;
        int cr = cOff;
        int j = j0;
        for (; j + 4 * L <= n; j += 4 * L) {
            // four independent chains, so one row (batch 1) is not bound by the FMA latency
            FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
            FloatVector s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
            for (int p = 0; p < k; p++) {
                FloatVector x = FloatVector.broadcast(S, a[ar + p]);
                int bp = bOff + p * ldb + j;
                s0 = x.fma(FloatVector.fromArray(S, b, bp), s0);
                s1 = x.fma(FloatVector.fromArray(S, b, bp + L), s1);
                s2 = x.fma(FloatVector.fromArray(S, b, bp + 2 * L), s2);
                s3 = x.fma(FloatVector.fromArray(S, b, bp + 3 * L), s3);
            }
            store(c, cr + j, s0, s1, accumulate);
            store(c, cr + j + 2 * L, s2, s3, accumulate);
        }
        for (; j + L <= n; j += L) {
            FloatVector s = FloatVector.zero(S);
            for (int p = 0; p < k; p++) {
                s = FloatVector.broadcast(S, a[ar + p]).fma(FloatVector.fromArray(S, b, bOff + p * ldb + j), s);
            }
            if (accumulate) {
                s = s.add(FloatVector.fromArray(S, c, cr + j));
            }
            s.intoArray(c, cr + j);
        }
        for (; j < n; j++) {
            float s = 0f;
            for (int p = 0; p < k; p++) {
                s = Math.fma(a[ar + p], b[bOff + p * ldb + j], s);
            }
            c[cr + j] = accumulate ? c[cr + j] + s : s;
        }
    }
}
