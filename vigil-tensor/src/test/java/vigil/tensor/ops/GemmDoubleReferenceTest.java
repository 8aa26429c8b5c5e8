package vigil.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vigil.tensor.init.Rng;

/**
 * {@link Gemm#sgemm} (the Vector API kernel, or the scalar twin under -Dvigil.vector=off) against a product
 * computed in double precision, on shapes around every tile and block edge: 1 x K and K x 1, rows and
 * columns one short of and one past a tile, k one past a KC block.
 *
 * <p>Tolerance: each element is beta * c plus k products summed in some order, with at most
 * n = k + ceil(k / KC) + 2 roundings on any term's path (k chained adds or fused multiply-adds, one add per
 * KC block, one for the product or the add into C, one for beta). The classical bound for such a sum is
 * |computed - exact| <= gamma_n (|beta c| + sum_p |a_ip b_pj|), gamma_n = n u / (1 - n u), u = 2^-24.
 */
class GemmDoubleReferenceTest {
    private static final double U = Math.scalb(1.0, -24);
    private final Rng rng = new Rng(11);

    private float[] random(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.uniform(-1f, 1f);
        }
        return v;
    }

    private void assertMatchesDouble(boolean transA, boolean transB, int m, int n, int k, float beta) {
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        float[] a = random(m * k);
        float[] b = random(k * n);
        float[] c0 = random(m * n);
        float[] c = c0.clone();
        Gemm.sgemm(transA, transB, m, n, k, a, 0, lda, b, 0, ldb, beta, c, 0, n);
        int roundings = k + (k + VectorGemm.KC - 1) / VectorGemm.KC + 2;
        double gamma = roundings * U / (1 - roundings * U);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double exact = (double) beta * c0[i * n + j];
                double magnitude = Math.abs(exact);
                for (int p = 0; p < k; p++) {
                    double prod = (double) (transA ? a[p * lda + i] : a[i * lda + p])
                            * (transB ? b[j * ldb + p] : b[p * ldb + j]);
                    exact += prod;
                    magnitude += Math.abs(prod);
                }
                double err = Math.abs(c[i * n + j] - exact);
                assertTrue(err <= gamma * magnitude, "transA " + transA + " transB " + transB + " m " + m + " n "
                        + n + " k " + k + " beta " + beta + ": C[" + i + "," + j + "] = " + c[i * n + j] + ", exact "
                        + exact + ", error " + err + " > bound " + gamma * magnitude);
            }
        }
    }

    @Test
    void matchesDoublePrecisionOnShapesAroundTileEdges() {
        int mr = VectorGemm.MR;
        int nr = VectorGemm.NR;
        int[] ms = {1, 2, VectorGemm.SKINNY_M + 1, mr - 1, mr, mr + 1, 2 * mr, 2 * mr + 1};
        int[] ns = {1, nr / 2 - 1, nr - 1, nr, nr + 1, 2 * nr + 1};
        int[] ks = {1, 7, VectorGemm.KC + 1};
        for (int m : ms) {
            for (int n : ns) {
                for (int k : ks) {
                    boolean transA = (m + n) % 2 == 0;
                    boolean transB = (n + k) % 2 == 1;
                    assertMatchesDouble(transA, transB, m, n, k, 0f);
                    assertMatchesDouble(!transA, !transB, m, n, k, 1f);
                }
            }
        }
    }

    @Test
    void matchesDoublePrecisionForSingleRowAndSingleColumnProducts() {
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                assertMatchesDouble(ta, tb, 1, 1, 1000, 0f);
                assertMatchesDouble(ta, tb, 1, 300, 300, 1f);
                assertMatchesDouble(ta, tb, 300, 1, 300, 0.5f);
            }
        }
    }

    @Test
    void matchesDoublePrecisionAcrossRowBlocksAndKBlocks() {
        assertMatchesDouble(false, false, VectorGemm.MC + 13, 3 * VectorGemm.NR + 5, 2 * VectorGemm.KC + 1, 1f);
        assertMatchesDouble(true, true, VectorGemm.MC + 3, VectorGemm.NR + 7, VectorGemm.KC - 1, 0f);
    }

    @Test
    void rowsGetTheSameBitsInWideAndNarrowPanels() {
        // Rows MR .. 2 MR - 1 run in a wide panel when all 2 MR rows are multiplied at once, and in
        // narrow tail panels when the product is split after row MR + 4: each element's arithmetic must
        // not depend on which kernel computed it.
        int mr = VectorGemm.MR;
        int m = 2 * mr;
        int n = 3 * VectorGemm.NR + 3;
        int k = VectorGemm.KC + 9;
        float[] a = random(m * k);
        float[] b = random(k * n);
        float[] c0 = random(m * n);
        float[] whole = c0.clone();
        float[] split = c0.clone();
        Gemm.sgemm(false, false, m, n, k, a, 0, k, b, 0, n, 1f, whole, 0, n);
        int top = mr + 4;
        Gemm.sgemm(false, false, top, n, k, a, 0, k, b, 0, n, 1f, split, 0, n);
        Gemm.sgemm(false, false, m - top, n, k, a, top * k, k, b, 0, n, 1f, split, top * n, n);
        assertArrayEquals(whole, split);
    }
}
