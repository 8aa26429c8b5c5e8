package vigil.tensor.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import vigil.tensor.parallel.Parallel;

/**
 * d/dweight of a 1x1 convolution over a whole batch, gw[oc, ic] += sum over samples s and positions p of
 * gy[s, oc, p] * x[s, ic, p], as dot products read straight from the [n, channels, plane] layouts.
 * x: [n, c, plane], gy: [n, o, plane], gw: [o, c].
 *
 * <p>As a GEMM this is gy x^T with k = n * plane in the thousands and m, n of 13-512: the packing of both
 * operands (every element copied once, one at a time) cost more than the multiply-adds. Here a 4 x 4 tile of
 * (oc, ic) pairs keeps 16 vector accumulators over a group of samples (4 + 4 row loads per 16 fused
 * multiply-adds; a plane's tail is a masked load, so no layout change is needed), then folds the 16 vectors
 * into one vector of 16 dot products by a fixed tree of lane swaps (4 steps) and adds that into a double
 * accumulator per pair. Rows past the matrix edge repeat the last row and their results are dropped.
 *
 * <p>Each pair's sum has a fixed order whatever the thread split (tiles are split across threads, each tile
 * summed whole by one): per group of samples, float lanes over the whole vectors, then the masked tails, the
 * lanes by the tree (in float lane order where vectors are not 16 lanes wide), the groups in double in sample
 * order, one rounding into gw. So each term sees about G / L + 6 float roundings, G the positions of a group
 * (GROUP_ELEMENTS, or one plane if larger): far inside the GEMM's bound of (n * plane + 2) that
 * PointwiseConvTest checks.
 */
final class PointwiseWeightGrad {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    // the 16 accumulators of a tile fold into one vector only when a vector has 16 lanes (AVX-512)
    private static final boolean TREE = L == 16;
    private static final int TILE = 4;
    // samples per group: about this many positions between folds (a fold costs some 60 vector operations)
    private static final int GROUP_ELEMENTS = 1024;
    // tree step d (8, 4, 2, 1): the lanes with bit d set, and the swap of each lane with lane ^ d (16 lanes only)
    private static final VectorMask<Float> SIDE_8 = side(8);
    private static final VectorMask<Float> SIDE_4 = side(4);
    private static final VectorMask<Float> SIDE_2 = side(2);
    private static final VectorMask<Float> SIDE_1 = side(1);
    private static final VectorShuffle<Float> SWAP_8 = swap(8);
    private static final VectorShuffle<Float> SWAP_4 = swap(4);
    private static final VectorShuffle<Float> SWAP_2 = swap(2);
    private static final VectorShuffle<Float> SWAP_1 = swap(1);

    private PointwiseWeightGrad() {
    }

    /*
     * Where these dot products beat the packed GEMM (measured on MiniFASNetV2's layers, batch 64): planes of
     * whole vectors (400, 1600), and planes with a masked tail (100, 25) when a side is below 128 channels;
     * the GEMM wins at 128 x 231 and up on those planes (it packs each operand once for many tiles).
     */
    static boolean suits(int c, int o, int plane) {
        return plane % L == 0 || Math.min(c, o) < 128;
    }

    // gw[oc, ic] += sum over samples and positions of gy[s, oc, p] * x[s, ic, p]
    static void accumulate(int n, int c, int o, int plane, float[] x, float[] gy, float[] gw) {
        int rowTiles = (o + TILE - 1) / TILE;
        int colTiles = (c + TILE - 1) / TILE;
        double[] sums = new double[rowTiles * colTiles * TILE * TILE];
        // split over row tiles (each thread reads every x row, its own gy rows); over column tiles when rows are few
        if (rowTiles >= Parallel.threads() || rowTiles >= colTiles) {
            Parallel.forRange(rowTiles, 1, (r0, r1) -> tiles(n, c, o, plane, x, gy, r0, r1, 0, colTiles, sums));
        } else {
            Parallel.forRange(colTiles, 1, (c0, c1) -> tiles(n, c, o, plane, x, gy, 0, rowTiles, c0, c1, sums));
        }
        for (int oc = 0; oc < o; oc++) {
            for (int ic = 0; ic < c; ic++) {
                int tile = (oc / TILE) * colTiles + ic / TILE;
                gw[oc * c + ic] += (float) sums[tile * TILE * TILE + (oc % TILE) * TILE + ic % TILE];
            }
        }
    }

    // the tiles [rt0, rt1) x [ct0, ct1): sums[(rt * colTiles + ct) * 16 + r * 4 + k] += dot(gy row, x row)
    private static void tiles(int n, int c, int o, int plane, float[] x, float[] gy, int rt0, int rt1, int ct0,
                              int ct1, double[] sums) {
        int colTiles = (c + TILE - 1) / TILE;
        VectorMask<Float> tailMask = S.indexInRange(plane / L * L, plane);
        int group = Math.max(1, GROUP_ELEMENTS / plane);
        float[] lanes = new float[TILE * TILE * L];
        for (int s0 = 0; s0 < n; s0 += group) {
            int s1 = Math.min(n, s0 + group);
            for (int rt = rt0; rt < rt1; rt++) {
                int o0 = Math.min(rt * TILE, o - 1);
                int o1 = Math.min(rt * TILE + 1, o - 1);
                int o2 = Math.min(rt * TILE + 2, o - 1);
                int o3 = Math.min(rt * TILE + 3, o - 1);
                for (int ct = ct0; ct < ct1; ct++) {
                    int i0 = Math.min(ct * TILE, c - 1);
                    int i1 = Math.min(ct * TILE + 1, c - 1);
                    int i2 = Math.min(ct * TILE + 2, c - 1);
                    int i3 = Math.min(ct * TILE + 3, c - 1);
                    dot16(gy, x, s0, s1, o, c, plane, o0, o1, o2, o3, i0, i1, i2, i3, lanes);
                    if (plane % L != 0) {
                        tail16(gy, x, s0, s1, o, c, plane, tailMask, o0, i0, lanes);
                    }
                    int at = (rt * colTiles + ct) * TILE * TILE;
                    if (TREE) {
                        fold16(lanes, sums, at);
                    } else {
                        for (int k = 0; k < TILE * TILE; k++) {
                            float sum = 0f;
                            for (int lane = 0; lane < L; lane++) {
                                sum += lanes[k * L + lane];
                            }
                            sums[at + k] += sum;
                        }
                    }
                }
            }
        }
    }

    /*
     * The 16 lane-wise dot products of gy rows o0..o3 with x rows i0..i3 over samples [s0, s1) and the whole
     * vectors of their planes, into out[(r * 4 + k) * L ..] for the pair (o_r, i_k). A method of its own: with
     * the fold in the same method C2 stopped inlining (NodeCountInliningCutoff) and boxed the accumulators.
     */
    private static void dot16(float[] gy, float[] x, int s0, int s1, int o, int c, int plane, int o0, int o1,
                              int o2, int o3, int i0, int i1, int i2, int i3, float[] out) {
        int full = plane / L * L;
        FloatVector v0 = FloatVector.zero(S);
        FloatVector v1 = v0, v2 = v0, v3 = v0, v4 = v0, v5 = v0, v6 = v0, v7 = v0;
        FloatVector v8 = v0, v9 = v0, v10 = v0, v11 = v0, v12 = v0, v13 = v0, v14 = v0, v15 = v0;
        for (int s = s0; s < s1; s++) {
            int g0 = (s * o + o0) * plane;
            int g1 = (s * o + o1) * plane;
            int g2 = (s * o + o2) * plane;
            int g3 = (s * o + o3) * plane;
            int x0 = (s * c + i0) * plane;
            int x1 = (s * c + i1) * plane;
            int x2 = (s * c + i2) * plane;
            int x3 = (s * c + i3) * plane;
            for (int p = 0; p < full; p += L) {
                FloatVector a0 = FloatVector.fromArray(S, gy, g0 + p);
                FloatVector a1 = FloatVector.fromArray(S, gy, g1 + p);
                FloatVector a2 = FloatVector.fromArray(S, gy, g2 + p);
                FloatVector a3 = FloatVector.fromArray(S, gy, g3 + p);
                FloatVector b0 = FloatVector.fromArray(S, x, x0 + p);
                FloatVector b1 = FloatVector.fromArray(S, x, x1 + p);
                FloatVector b2 = FloatVector.fromArray(S, x, x2 + p);
                FloatVector b3 = FloatVector.fromArray(S, x, x3 + p);
                v0 = a0.fma(b0, v0);
                v1 = a0.fma(b1, v1);
                v2 = a0.fma(b2, v2);
                v3 = a0.fma(b3, v3);
                v4 = a1.fma(b0, v4);
                v5 = a1.fma(b1, v5);
                v6 = a1.fma(b2, v6);
                v7 = a1.fma(b3, v7);
                v8 = a2.fma(b0, v8);
                v9 = a2.fma(b1, v9);
                v10 = a2.fma(b2, v10);
                v11 = a2.fma(b3, v11);
                v12 = a3.fma(b0, v12);
                v13 = a3.fma(b1, v13);
                v14 = a3.fma(b2, v14);
                v15 = a3.fma(b3, v15);
            }
        }
        v0.intoArray(out, 0 * L);
        v1.intoArray(out, 1 * L);
        v2.intoArray(out, 2 * L);
        v3.intoArray(out, 3 * L);
        v4.intoArray(out, 4 * L);
        v5.intoArray(out, 5 * L);
        v6.intoArray(out, 6 * L);
        v7.intoArray(out, 7 * L);
        v8.intoArray(out, 8 * L);
        v9.intoArray(out, 9 * L);
        v10.intoArray(out, 10 * L);
        v11.intoArray(out, 11 * L);
        v12.intoArray(out, 12 * L);
        v13.intoArray(out, 13 * L);
        v14.intoArray(out, 14 * L);
        v15.intoArray(out, 15 * L);
    }

    /*
     * out[(r * 4 + k) * L ..] += the lane-wise products of the plane tails (the positions after the whole
     * vectors, fewer than L) of gy row min(o0 + r, o - 1) and x row min(i0 + k, c - 1) over samples [s0, s1);
     * masked lanes load zero. One gy row at a time: with all 16 accumulators live, C1 ran out of registers and
     * the method stayed in slow tier-2 code.
     */
    private static void tail16(float[] gy, float[] x, int s0, int s1, int o, int c, int plane,
                               VectorMask<Float> tailMask, int o0, int i0, float[] out) {
        int full = plane / L * L;
        int i1 = Math.min(i0 + 1, c - 1);
        int i2 = Math.min(i0 + 2, c - 1);
        int i3 = Math.min(i0 + 3, c - 1);
        for (int r = 0; r < TILE; r++) {
            int row = Math.min(o0 + r, o - 1);
            int at = r * TILE * L;
            FloatVector v0 = FloatVector.fromArray(S, out, at);
            FloatVector v1 = FloatVector.fromArray(S, out, at + L);
            FloatVector v2 = FloatVector.fromArray(S, out, at + 2 * L);
            FloatVector v3 = FloatVector.fromArray(S, out, at + 3 * L);
            for (int s = s0; s < s1; s++) {
                FloatVector a = FloatVector.fromArray(S, gy, (s * o + row) * plane + full, tailMask);
                v0 = a.fma(FloatVector.fromArray(S, x, (s * c + i0) * plane + full, tailMask), v0);
                v1 = a.fma(FloatVector.fromArray(S, x, (s * c + i1) * plane + full, tailMask), v1);
                v2 = a.fma(FloatVector.fromArray(S, x, (s * c + i2) * plane + full, tailMask), v2);
                v3 = a.fma(FloatVector.fromArray(S, x, (s * c + i3) * plane + full, tailMask), v3);
            }
            v0.intoArray(out, at);
            v1.intoArray(out, at + L);
            v2.intoArray(out, at + 2 * L);
            v3.intoArray(out, at + 3 * L);
        }
    }

    // sums[at + j] += the sum of the lanes of the j-th vector in in[j * L ..], by a fixed tree of lane swaps:
    // vector k folds with vector k + 8, then k + 4, k + 2, k + 1, in place, so that lane j of in[0 .. L) ends
    // as the sum of vector j's lanes. Each level is a loop of its own over arrays, with no vector crossing a
    // call: written as one method of 15 nested folds, C2 stopped inlining them and boxed every vector (JFR after
    // warm-up: 96 % of the training step's allocation; the step's allocation fell from 57 to 11 MB).
    private static void fold16(float[] in, double[] sums, int at) {
        foldLevel(in, 8, SIDE_8, SWAP_8);
        foldLevel(in, 4, SIDE_4, SWAP_4);
        foldLevel(in, 2, SIDE_2, SWAP_2);
        foldLevel(in, 1, SIDE_1, SWAP_1);
        for (int j = 0; j < L; j++) {
            sums[at + j] += in[j];
        }
    }

    // vectors k and k + half (k < half) of in -> vector k: the lanes on side take the second's lanes, the others
    // the first's, each plus its partner lane (swap)
    private static void foldLevel(float[] in, int half, VectorMask<Float> side, VectorShuffle<Float> swap) {
        for (int k = 0; k < half; k++) {
            FloatVector a = FloatVector.fromArray(S, in, k * L);
            FloatVector b = FloatVector.fromArray(S, in, (k + half) * L);
            a.blend(b, side).add(b.blend(a, side).rearrange(swap)).intoArray(in, k * L);
        }
    }

    private static VectorMask<Float> side(int d) {
        boolean[] bits = new boolean[L];
        for (int lane = 0; lane < L; lane++) {
            bits[lane] = (lane & d) != 0;
        }
        return VectorMask.fromArray(S, bits, 0);
    }

    private static VectorShuffle<Float> swap(int d) {
        return VectorShuffle.fromOp(S, lane -> (lane ^ d) % L);
    }
}
