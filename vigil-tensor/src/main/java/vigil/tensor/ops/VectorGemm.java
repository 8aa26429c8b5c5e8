package vigil.tensor.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import vigil.tensor.parallel.Parallel;

/**
 * Packed, cache-blocked, multithreaded SGEMM on the Vector API, with the contract of {@link Gemm#sgemm}.
 * Blocks of B' (KC x NC) and A' (MC x KC) are packed into panels ({@link GemmPacking}); register-blocked
 * micro-kernels ({@link GemmMicroKernels}) run fused multiply-adds over one KC block: MR x NR tiles
 * (MR = 12 rows with 512-bit vectors, NR = two vectors), and 4-row tiles for the rows left below a
 * multiple of MR (and for every row on machines with narrower vectors, which have only 16 registers).
 * Products with at most {@link #SKINNY_M} rows (a recurrent step at batch 1) skip packing and stream B.
 * On several threads, large products pack each block of B' once into buffers all threads share and claim
 * their parts dynamically ({@link SharedPanelGemm}); smaller ones split rows or columns statically.
 *
 * <p>Every element of C gets the same arithmetic wherever the block, panel and thread boundaries fall: per
 * KC block a fused multiply-add chain from zero in k order, then one add into C (tiles cut by the matrix
 * edge are computed whole into a scratch tile and added by the scalar loop). So results do not depend on
 * the thread count. They differ from {@link ScalarGemm} only by summation order (and FMA rounding).
 */
public final class VectorGemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    static final int MR = L >= 16 ? GemmMicroKernels.WIDE : GemmMicroKernels.NARROW;
    static final int MR_TAIL = GemmMicroKernels.NARROW;
    static final int NR = 2 * L;
    // Measured at 1024^3 on 2 threads (Xeon, 48 KiB L1d and 2 MiB L2 per core): a KC x NR panel of B'
    // (32 KiB) stays in L1 while MC x KC of A' (192 KiB) and KC x NC of B' (2 MiB) stream from L2;
    // KC = 384 or 512 measured slower, MC = 96 and 192 the same.
    static final int KC = 256;
    static final int MC = 16 * MR;
    static final int NC = 64 * NR;
    static final int SKINNY_M = 4;
    // Below about 100^3 multiply-adds (some 20 us on one core) a fork costs more than it saves.
    private static final long PARALLEL_MIN_WORK = 1L << 20;
    // From about 256^3 multiply-adds (some 130 us on two cores) B' is packed once and shared, with parts
    // claimed dynamically (SharedPanelGemm). Smaller products keep the static split, each thread packing
    // the B' it reads: measured faster there (32x1600x64 and 128x400x128 on 2 threads), since reading B'
    // packed by the other core and waiting for it costs more than packing it again.
    private static final long SHARED_MIN_WORK = 1L << 24;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

    /** Per-thread packing buffers, allocated once (B' on first use, grown once for the shared path). */
    static final class Buffers {
        final float[] aPanel = new float[(MC + MR_TAIL) * KC];
        final float[] tile = new float[MR * NR];
        final float[] lanes = new float[L];
        private float[] rows = new float[0];
        private float[] packedB;

        float[] rows(int n) {
            if (rows.length < n) {
                rows = new float[n];
            }
            return rows;
        }

        /** Room for `blocks` KC x NC blocks of B': the sequential loop packs one, SharedPanelGemm two. */
        float[] packedB(int blocks) {
            if (packedB == null || packedB.length < blocks * KC * NC) {
                packedB = new float[blocks * KC * NC];
            }
            return packedB;
        }
    }

    // Measured: caching the last caller's Buffers in a static field (to skip this lookup) made a 13x25x27
    // product called from two threads at once 1.4 us instead of 0.96 (the field bounced between the cores).
    static Buffers buffers() {
        return BUFFERS.get();
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
        } else if (!skinny && k > 0 && work >= SHARED_MIN_WORK) {
            SharedPanelGemm.multiply(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc,
                    buffers().packedB(2), Parallel.threads());
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
        Buffers buf = buffers();
        if (skinny) {
            SkinnyGemm.multiply(transA, transB, i0, i1, j0, j1, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc,
                    buf.rows(k * (i1 - i0)), buf.lanes);
            return;
        }
        float[] bPanel = buf.packedB(1);
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                GemmPacking.packB(transB, b, bOff, ldb, pc, kc, jc, nc, NR, bPanel, 0);
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    // Whole MR-row panels first, then the rows left over in zero-padded 4-row panels.
                    int wide = mc / MR * MR;
                    GemmPacking.packA(transA, a, aOff, lda, ic, wide, pc, kc, MR, buf.aPanel, 0);
                    GemmPacking.packA(transA, a, aOff, lda, ic + wide, mc - wide, pc, kc, MR_TAIL, buf.aPanel,
                            wide * kc);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int cols = Math.min(NR, nc - jr);
                        for (int ir = 0; ir < mc; ) {
                            int mr = ir < wide ? MR : MR_TAIL;
                            int cAt = cOff + (ic + ir) * ldc + jc + jr;
                            tile(mr, kc, buf.aPanel, ir * kc, bPanel, jr * kc, c, cAt, ldc,
                                    Math.min(mr, mc - ir), cols, buf.tile);
                            ir += mr;
                        }
                    }
                }
            }
        }
    }

    static void scale(float beta, float[] c, int cOff, int ldc, int i0, int i1, int j0, int j1) {
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

    // C[rows, cols] at cAt += ap panel [kc, mr] x bp panel [kc, NR]; rows x cols of the mr x NR tile are
    // inside C. A tile the matrix edge cuts is computed whole into the scratch tile and added by scalar adds
    // (the same sums as the vector add of a whole tile).
    static void tile(int mr, int kc, float[] ap, int aAt, float[] bp, int bAt, float[] c, int cAt, int ldc,
                     int rows, int cols, float[] tile) {
        boolean whole = rows == mr && cols == NR;
        float[] dst = whole ? c : tile;
        int at = whole ? cAt : 0;
        int ld = whole ? ldc : NR;
        if (!whole) {
            java.util.Arrays.fill(tile, 0, mr * NR, 0f);
        }
        if (mr == GemmMicroKernels.WIDE) {
            GemmMicroKernels.add12(kc, ap, aAt, bp, bAt, dst, at, ld);
        } else {
            GemmMicroKernels.add4(kc, ap, aAt, bp, bAt, dst, at, ld);
        }
        if (!whole) {
            for (int r = 0; r < rows; r++) {
                int row = cAt + r * ldc;
                for (int j = 0; j < cols; j++) {
                    c[row + j] += tile[r * NR + j];
                }
            }
        }
    }

    static VectorSpecies<Float> species() {
        return S;
    }
}
