package vigil.tensor.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import vigil.tensor.parallel.Parallel;

/**
 * Packed, cache-blocked, multithreaded SGEMM on the Vector API, with the contract of {@link Gemm#sgemm}.
 * Blocks of B' (KC x NC) and A' (MC x KC) are packed into panels ({@link GemmPacking}); a register-blocked
 * MR x NR micro-kernel (MR = 4 rows, NR = two vectors) runs fused multiply-adds over one KC block.
 * Products with at most {@link #SKINNY_M} rows (a recurrent step at batch 1) skip packing and stream B.
 *
 * <p>Every element of C gets the same arithmetic wherever the block and thread boundaries fall: per KC block
 * a fused multiply-add chain from zero in k order, then one add into C (tiles cut by the matrix edge are
 * computed whole in registers and added by the scalar loop). So results do not depend on the thread count.
 * They differ from {@link ScalarGemm} only by summation order (and FMA rounding).
 */
public final class VectorGemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    static final int MR = 4;
    static final int NR = 2 * L;
    static final int KC = 256;
    static final int MC = 24 * MR;
    static final int NC = 64 * NR;
    static final int SKINNY_M = 4;
    // Below about 100^3 multiply-adds (some 20 us on one core) a fork costs more than it saves.
    private static final long PARALLEL_MIN_WORK = 1L << 20;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /** Per-thread packing buffers, allocated once. */
    private static final class Buffers {
        final float[] aPanel = new float[MC * KC];
        final float[] bPanel = new float[KC * NC];
        final float[] tile = new float[MR * NR];
        final float[] lanes = new float[L];
        private float[] rows = new float[0];

        float[] rows(int n) {
            if (rows.length < n) {
                rows = new float[n];
            }
            return rows;
        }
    }

    private VectorGemm() {
    }

    /** The vector width in floats of the species chosen at start-up (FloatVector.SPECIES_PREFERRED). */
    public static int lanes() {
        return L;
    }

    /** C = A' * B' + beta * C; arguments as {@link Gemm#sgemm}. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        if (m <= 0 || n <= 0) {
            return;
        }
        boolean skinny = m <= SKINNY_M;
        long work = (long) m * n * Math.max(k, 1);
        int rowUnits = skinny ? 1 : (m + MR - 1) / MR;
        int colUnits = (n + NR - 1) / NR;
        if (work < PARALLEL_MIN_WORK || Parallel.threads() == 1 || rowUnits * colUnits == 1) {
            block(transA, transB, 0, m, 0, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, skinny);
        } else if (rowUnits >= colUnits || rowUnits >= Parallel.threads()) {
            Parallel.forRange(rowUnits, 1, (lo, hi) -> block(transA, transB, lo * MR, Math.min(m, hi * MR), 0, n, k,
                    a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, skinny));
        } else {
            Parallel.forRange(colUnits, 1, (lo, hi) -> block(transA, transB, 0, m, lo * NR, Math.min(n, hi * NR), k,
                    a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, skinny));
        }
    }

    // C[i0:i1, j0:j1] = A'[i0:i1, :] * B'[:, j0:j1] + beta * C[i0:i1, j0:j1], on the calling thread
    private static void block(boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k,
                              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float beta, float[] c, int cOff, int ldc, boolean skinny) {
        if (i0 >= i1 || j0 >= j1) {
            return;
        }
        scale(beta, c, cOff, ldc, i0, i1, j0, j1);
        if (k <= 0) {
            return;
        }
        Buffers buf = BUFFERS.get();
        if (skinny) {
            SkinnyGemm.multiply(transA, transB, i0, i1, j0, j1, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc,
                    buf.rows(k * (i1 - i0)), buf.lanes);
            return;
        }
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                GemmPacking.packB(transB, b, bOff, ldb, pc, kc, jc, nc, NR, buf.bPanel);
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    GemmPacking.packA(transA, a, aOff, lda, ic, mc, pc, kc, MR, buf.aPanel);
                    for (int jr = 0; jr < nc; jr += NR) {
                        for (int ir = 0; ir < mc; ir += MR) {
                            int cAt = cOff + (ic + ir) * ldc + jc + jr;
                            int rows = Math.min(MR, mc - ir);
                            int cols = Math.min(NR, nc - jr);
                            microKernel(kc, buf.aPanel, ir * kc, buf.bPanel, jr * kc, c, cAt, ldc, rows, cols, buf.tile);
                        }
                    }
                }
            }
        }
    }

    private static void scale(float beta, float[] c, int cOff, int ldc, int i0, int i1, int j0, int j1) {
        if (beta == 1f) {
            return;
        }
        for (int i = i0; i < i1; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, row + j0, row + j1, 0f);
            } else {
                for (int j = j0; j < j1; j++) {
                    c[row + j] *= beta;
                }
            }
        }
    }

    // C[4, 2L] at cAt += ap panel [kc, 4] x bp panel [kc, 2L]; rows x cols of the tile are inside C.
    // Four rows, eight accumulators: with six rows (twelve) C2 on JDK 25 kept one accumulator boxed across
    // the loop's back-edge, allocating a vector per k step and running at a fifth of the speed.
    private static void microKernel(int kc, float[] ap, int aAt, float[] bp, int bAt, float[] c, int cAt, int ldc,
                                    int rows, int cols, float[] tile) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bo = bAt + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            int ao = aAt + p * MR;
            FloatVector a0 = FloatVector.broadcast(S, ap[ao]);
            FloatVector a1 = FloatVector.broadcast(S, ap[ao + 1]);
            FloatVector a2 = FloatVector.broadcast(S, ap[ao + 2]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
        }
        if (rows == MR && cols == NR) {
            addRow(c, cAt, c00, c01);
            addRow(c, cAt + ldc, c10, c11);
            addRow(c, cAt + 2 * ldc, c20, c21);
            addRow(c, cAt + 3 * ldc, c30, c31);
            return;
        }
        // The matrix edge cuts this tile: spill it and add the part inside C with scalar adds (same sums).
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        for (int r = 0; r < rows; r++) {
            int row = cAt + r * ldc;
            for (int j = 0; j < cols; j++) {
                c[row + j] += tile[r * NR + j];
            }
        }
    }

    private static void addRow(float[] c, int at, FloatVector lo, FloatVector hi) {
        FloatVector.fromArray(S, c, at).add(lo).intoArray(c, at);
        FloatVector.fromArray(S, c, at + L).add(hi).intoArray(c, at + L);
    }

    static VectorSpecies<Float> species() {
        return S;
    }
}
