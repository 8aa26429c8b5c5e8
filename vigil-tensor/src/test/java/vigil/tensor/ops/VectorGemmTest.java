package vigil.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vigil.tensor.init.Rng;
import vigil.tensor.parallel.Parallel;

/**
 * The Vector API SGEMM against the scalar reference. The two sum in different orders (blocks of k, fused
 * multiply-adds), so each element may differ by at most the sum of both rounding-error bounds:
 * |vector - scalar| <= 2 (k + 2) u (sum_p |a_ip b_pj| + |beta c_ij|), with u = 2^-23 (a float ulp of 1,
 * twice the unit roundoff, to cover both the product and the sum).
 */
class VectorGemmTest {
    private static final double U = Math.ulp(1f);
    private final Rng rng = new Rng(5);
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
    }

    private float[] random(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.uniform(-1f, 1f);
        }
        return v;
    }

    /** Runs both kernels on the same operands (with padding around every matrix) and checks the bound. */
    private void assertMatchesReference(boolean transA, boolean transB, int m, int n, int k, float beta, int pad) {
        int lda = (transA ? m : k) + pad;
        int ldb = (transB ? k : n) + pad;
        int ldc = n + pad;
        int aOff = pad;
        int bOff = 2 * pad;
        int cOff = 3 * pad;
        float[] a = random(aOff + (transA ? k : m) * lda);
        float[] b = random(bOff + (transB ? n : k) * ldb);
        float[] c0 = random(cOff + m * ldc);
        float[] expected = c0.clone();
        float[] actual = c0.clone();
        ScalarGemm.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, expected, cOff, ldc);
        VectorGemm.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, actual, cOff, ldc);
        String where = "transA " + transA + " transB " + transB + " m " + m + " n " + n + " k " + k + " beta "
                + beta + " pad " + pad;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double magnitude = Math.abs(beta * c0[cOff + i * ldc + j]);
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    magnitude += Math.abs((double) av * bv);
                }
                double bound = 2 * (k + 2) * U * magnitude;
                int at = cOff + i * ldc + j;
                double diff = Math.abs(actual[at] - expected[at]);
                assertTrue(diff <= bound, where + ": C[" + i + "," + j + "] vector " + actual[at] + " scalar "
                        + expected[at] + " differ by " + diff + " > " + bound);
            }
        }
        // Outside the [m, n] window (padding, other rows' gaps) C is untouched.
        for (int i = 0; i < c0.length; i++) {
            int r = (i - cOff) / ldc;
            int col = (i - cOff) % ldc;
            boolean inside = i >= cOff && r < m && col < n;
            if (!inside) {
                assertTrue(actual[i] == c0[i], where + ": C[" + i + "] outside the window changed");
            }
        }
    }

    private void assertAllTransposes(int m, int n, int k, float beta, int pad) {
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                assertMatchesReference(ta, tb, m, n, k, beta, pad);
            }
        }
    }

    @Test
    void matchesReferenceOnTileMultiples() {
        int nr = VectorGemm.NR;
        assertAllTransposes(VectorGemm.MR * 4, nr * 3, 64, 0f, 0);
        assertAllTransposes(VectorGemm.MR * 2, nr, 300, 1f, 0);
    }

    @Test
    void matchesReferenceOnRaggedTailsAndSkinnyShapes() {
        int[][] shapes = {{7, 33, 19}, {13, 17, 5}, {5, 100, 31}, {4, 37, 70}, {3, 16, 16}, {2, 65, 129},
            {1, 1, 1}, {1, 50, 1}, {50, 1, 1}, {1, 1, 300}, {6, 31, 257}, {25, 47, 513}};
        for (int[] s : shapes) {
            assertAllTransposes(s[0], s[1], s[2], 1f, 0);
            assertAllTransposes(s[0], s[1], s[2], 0f, 0);
        }
    }

    @Test
    void matchesReferenceWithOffsetsLeadingDimensionsAndScaledBeta() {
        assertAllTransposes(11, 29, 23, 0.5f, 3);
        assertAllTransposes(3, 40, 9, 1f, 5);
        assertAllTransposes(97, 70, 300, 0f, 7);
    }

    @Test
    void matchesReferenceAcrossCacheBlocks() {
        // m > MC, n > NC and k > KC, so several blocks of each are packed and summed
        assertMatchesReference(false, false, VectorGemm.MC + 7, VectorGemm.NC + 5, VectorGemm.KC * 2 + 3, 1f, 0);
        assertMatchesReference(true, true, VectorGemm.MC + 1, 70, VectorGemm.KC + 1, 0f, 2);
    }

    @Test
    void emptyInnerDimensionOnlyScalesC() {
        float[] c = {1f, 2f, 3f, 4f};
        VectorGemm.sgemm(false, false, 2, 2, 0, new float[0], 0, 0, new float[0], 0, 2, 0.5f, c, 0, 2);
        assertArrayEquals(new float[] {0.5f, 1f, 1.5f, 2f}, c);
    }

    @Test
    void resultIsBitIdenticalForOneTwoAndFourThreads() {
        int m = 150;
        int n = 230;
        int k = 300;
        float[] a = random(m * k);
        float[] b = random(k * n);
        float[] c0 = random(m * n);
        float[][] results = new float[3][];
        int[] counts = {1, 2, 4};
        for (int t = 0; t < counts.length; t++) {
            Parallel.setThreads(counts[t]);
            results[t] = c0.clone();
            VectorGemm.sgemm(false, true, m, n, k, a, 0, k, b, 0, k, 1f, results[t], 0, n);
        }
        assertArrayEquals(results[0], results[1], "1 vs 2 threads");
        assertArrayEquals(results[0], results[2], "1 vs 4 threads");
    }

    @Test
    void skinnyProductIsBitIdenticalForOneTwoAndFourThreads() {
        float[] a = random(3 * 100);
        float[] b = random(100 * 4000);
        float[][] results = new float[3][];
        int[] counts = {1, 2, 4};
        for (int t = 0; t < counts.length; t++) {
            Parallel.setThreads(counts[t]);
            results[t] = new float[3 * 4000];
            VectorGemm.sgemm(false, false, 3, 4000, 100, a, 0, 100, b, 0, 4000, 0f, results[t], 0, 4000);
        }
        assertArrayEquals(results[0], results[1], "1 vs 2 threads");
        assertArrayEquals(results[0], results[2], "1 vs 4 threads");
    }
}
