package vigil.tensor.ops;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import vigil.tensor.parallel.Parallel;
import vigil.tensor.parallel.SpinWait;

/**
 * The multithreaded path of {@link VectorGemm}: each KC x NC block of B' is packed once, by all threads
 * together, into one of two shared buffers, and the products over it are claimed part by part from one
 * ticket counter, so no thread packs B' twice and a thread slowed by another process (this 2-core VM runs
 * compilers and tests beside us) leaves its share to the other instead of holding up the whole product.
 *
 * <p>Blocks t = 0, 1, ... run jc (NC columns) outer, pc (KC depth) inner, as in the sequential loop. Tickets
 * come in groups: group 0 scales C (beta) by row chunks and packs block 0; group g packs block g into
 * buffer g % 2 after multiplying block g - 1. A multiply part is a chunk of rows (a multiple of MR, its A'
 * packed by the thread that runs it) times a range of NR-panels of one block. Instead of a barrier per
 * block, each part waits only for what it reads or overwrites: a multiply for its block's packing and for
 * the earlier blocks (and the scaling) of its row chunk, a packing for the multiply of the block that last
 * used its buffer. Every such part has an earlier ticket, so waiting only ever waits for running parts.
 *
 * <p>Tiles run the same kernels as the sequential loop and each element's blocks are added in pc order, so
 * every element of C gets exactly the arithmetic of {@link VectorGemm}'s sequential path (per KC block an
 * FMA chain from zero in k order, then one add into C), whatever thread runs which part.
 */
final class SharedPanelGemm {
    // Parts per thread and block: with no barrier between blocks only the very last parts can leave a
    // thread idle, so a few suffice; rows per part are capped at MC (for m = 1024: chunks of 192 rows).
    private static final int PARTS_PER_THREAD = 2;
    // Measured at 1024^3 on 2 threads, against this choice (257 GFLOP/s median): blocks of NC 512 241, one
    // buffer instead of two (packing waits for the previous block's multiply) 233.
    private static final int NC = VectorGemm.NC;
    // NR-panels per packing part: 8 x 32 columns x KC 256 = 256 KiB of B'.
    private static final int PANELS_PER_PACK = 8;

    private final boolean transA;
    private final boolean transB;
    private final int m;
    private final int n;
    private final int k;
    private final float[] a;
    private final int aOff;
    private final int lda;
    private final float[] b;
    private final int bOff;
    private final int ldb;
    private final float beta;
    private final float[] c;
    private final int cOff;
    private final int ldc;
    private final float[] shared;

    private final int kBlocks;
    private final int blocks;
    private final int partsTarget;
    private final int rowsPerPart;
    private final int rowParts;
    private final int scaleParts;
    // Tickets [groupStart[g], groupStart[g + 1]) belong to group g.
    private final int[] groupStart;
    // Parts of row chunk r done before block t's multiply may start on it: the scaling and earlier blocks.
    private final int[] rowsNeed;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicIntegerArray packed;
    private final AtomicIntegerArray multiplied;
    private final AtomicIntegerArray rowsDone;
    private volatile boolean failed;

    private SharedPanelGemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                            float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc, float[] shared,
                            int threads) {
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.a = a;
        this.aOff = aOff;
        this.lda = lda;
        this.b = b;
        this.bOff = bOff;
        this.ldb = ldb;
        this.beta = beta;
        this.c = c;
        this.cOff = cOff;
        this.ldc = ldc;
        this.shared = shared;
        this.kBlocks = (k + VectorGemm.KC - 1) / VectorGemm.KC;
        this.blocks = (n + NC - 1) / NC * kBlocks;
        this.partsTarget = PARTS_PER_THREAD * threads;
        int rows = ((m + partsTarget - 1) / partsTarget + VectorGemm.MR - 1) / VectorGemm.MR * VectorGemm.MR;
        this.rowsPerPart = Math.min(VectorGemm.MC, rows);
        this.rowParts = (m + rowsPerPart - 1) / rowsPerPart;
        this.scaleParts = beta == 1f ? 0 : rowParts;
        this.groupStart = new int[blocks + 2];
        this.rowsNeed = new int[blocks];
        for (int g = 0; g <= blocks; g++) {
            int first = g == 0 ? scaleParts : multiplyParts(g - 1);
            groupStart[g + 1] = groupStart[g] + first + (g < blocks ? packParts(g) : 0);
            if (g < blocks) {
                rowsNeed[g] = g == 0 ? (beta == 1f ? 0 : 1) : rowsNeed[g - 1] + colParts(g - 1);
            }
        }
        this.packed = new AtomicIntegerArray(blocks);
        this.multiplied = new AtomicIntegerArray(blocks);
        this.rowsDone = new AtomicIntegerArray(rowParts);
    }

    /**
     * C = A' * B' + beta * C on up to {@code threads} threads; arguments as {@link Gemm#sgemm}, k > 0;
     * shared: 2 * KC * NC floats no other call uses meanwhile.
     */
    static void multiply(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                         float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc, float[] shared,
                         int threads) {
        SharedPanelGemm chain = new SharedPanelGemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c,
                cOff, ldc, shared, threads);
        Parallel.forRange(threads, 1, (lo, hi) -> chain.work());
    }

    private int blockCols(int t) {
        return Math.min(NC, n - t / kBlocks * NC);
    }

    private int blockDepth(int t) {
        return Math.min(VectorGemm.KC, k - t % kBlocks * VectorGemm.KC);
    }

    private int panels(int t) {
        return (blockCols(t) + VectorGemm.NR - 1) / VectorGemm.NR;
    }

    private int packParts(int t) {
        return (panels(t) + PANELS_PER_PACK - 1) / PANELS_PER_PACK;
    }

    // Column ranges per row chunk: enough that a block has about PARTS_PER_THREAD parts per thread.
    private int colParts(int t) {
        return Math.max(1, Math.min(panels(t), (partsTarget + rowParts - 1) / rowParts));
    }

    private int multiplyParts(int t) {
        return rowParts * colParts(t);
    }

    private void work() {
        VectorGemm.Buffers buf = VectorGemm.buffers();
        int total = groupStart[groupStart.length - 1];
        int group = 0;
        while (!failed) {
            int ticket = next.getAndIncrement();
            if (ticket >= total) {
                return;
            }
            while (ticket >= groupStart[group + 1]) {
                group++;
            }
            try {
                if (!run(group, ticket - groupStart[group], buf)) {
                    return;
                }
            } catch (RuntimeException | Error e) {
                failed = true;
                throw e;
            }
        }
    }

    // Part `part` of group g: first its multiply parts of block g - 1 (in group 0: scaling C), then its
    // packing of block g. False if another part failed while this one waited.
    private boolean run(int g, int part, VectorGemm.Buffers buf) {
        int first = g == 0 ? scaleParts : multiplyParts(g - 1);
        if (part >= first) {
            // Buffer g % 2 was last read by the multiply of block g - 2.
            if (g >= 2 && !await(multiplied, g - 2, multiplyParts(g - 2))) {
                return false;
            }
            pack(g, part - first);
            packed.incrementAndGet(g);
        } else if (g == 0) {
            int i0 = part * rowsPerPart;
            VectorGemm.scale(beta, c, cOff, ldc, i0, Math.min(m, i0 + rowsPerPart), 0, n);
            rowsDone.incrementAndGet(part);
        } else {
            int t = g - 1;
            int cols = colParts(t);
            int r = part / cols;
            // Block t packed, and every earlier block (and the scaling) done on these rows: C's adds stay in
            // pc order and never overlap.
            if (!await(packed, t, packParts(t)) || !await(rowsDone, r, rowsNeed[t])) {
                return false;
            }
            multiply(t, r, part % cols, cols, buf);
            multiplied.incrementAndGet(t);
            rowsDone.incrementAndGet(r);
        }
        return true;
    }

    // Waits until counter[i] >= target (set by parts claimed before the waiting one); false on a failure.
    private boolean await(AtomicIntegerArray counter, int i, int target) {
        for (int spins = 0; counter.get(i) < target; spins++) {
            if (failed) {
                return false;
            }
            SpinWait.pause(spins);
        }
        return true;
    }

    // Packs panels [q * PANELS_PER_PACK, ...) of block t into buffer t % 2.
    private void pack(int t, int q) {
        int jc = t / kBlocks * NC;
        int pc = t % kBlocks * VectorGemm.KC;
        int kc = blockDepth(t);
        int j0 = q * PANELS_PER_PACK * VectorGemm.NR;
        int cols = Math.min(PANELS_PER_PACK * VectorGemm.NR, blockCols(t) - j0);
        GemmPacking.packB(transB, b, bOff, ldb, pc, kc, jc + j0, cols, VectorGemm.NR, shared,
                t % 2 * VectorGemm.KC * NC + j0 * kc);
    }

    // C[rows of chunk r, panels of range q of colParts] += A'[rows, block t's k] * B'[block t], tile by tile.
    private void multiply(int t, int r, int q, int colParts, VectorGemm.Buffers buf) {
        int jc = t / kBlocks * NC;
        int pc = t % kBlocks * VectorGemm.KC;
        int kc = blockDepth(t);
        int nc = blockCols(t);
        int panels = panels(t);
        int per = (panels + colParts - 1) / colParts;
        int p0 = q * per;
        int p1 = Math.min(panels, p0 + per);
        int ic = r * rowsPerPart;
        int mc = Math.min(rowsPerPart, m - ic);
        int mr = VectorGemm.MR;
        int tail = VectorGemm.MR_TAIL;
        int wide = mc / mr * mr;
        GemmPacking.packA(transA, a, aOff, lda, ic, wide, pc, kc, mr, buf.aPanel, 0);
        GemmPacking.packA(transA, a, aOff, lda, ic + wide, mc - wide, pc, kc, tail, buf.aPanel, wide * kc);
        int bBase = t % 2 * VectorGemm.KC * NC;
        for (int panel = p0; panel < p1; panel++) {
            int jr = panel * VectorGemm.NR;
            int cols = Math.min(VectorGemm.NR, nc - jr);
            for (int ir = 0; ir < mc; ) {
                int rows = ir < wide ? mr : tail;
                int cAt = cOff + (ic + ir) * ldc + jc + jr;
                VectorGemm.tile(rows, kc, buf.aPanel, ir * kc, shared, bBase + jr * kc, c, cAt, ldc,
                        Math.min(rows, mc - ir), cols, buf.tile);
                ir += rows;
            }
        }
    }
}
