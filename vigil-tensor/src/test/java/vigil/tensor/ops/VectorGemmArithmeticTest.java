package vigil.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vigil.tensor.init.Rng;
import vigil.tensor.parallel.Parallel;

/**
 * {@link VectorGemm} gives every element of C exactly the arithmetic its contract states, bit for bit, on
 * every path (sequential, static split across threads, B' packed once and shared by all threads) and for
 * any thread count: C is first scaled (beta 0 writes zeros, beta 1 leaves C, otherwise C * beta), then per
 * KC block of k an FMA chain from zero in k order is added to C. The reference below computes just that
 * with {@link Math#fma} (the same correctly rounded float operation as a vector lane's fma), so any change
 * of summation order, block boundary or rounding anywhere fails with a zero tolerance.
 *
 * <p>Shapes: channel counts and planes of MiniFASNet (13 and 52 rows, 27 = 3x3x3 deep) and ones that cross
 * every block edge: k past a KC block, n past an NC block, m below one MR panel and with ragged tails;
 * products from 2^24 multiply-adds take the shared-B' path, smaller ones the static split.
 */
class VectorGemmArithmeticTest {
    private static final int[][] SHAPES = {
        {13, 6400, 27}, {256, 100, 512}, {52, 1600, 300}, {103, 2100, 256}, {64, 400, 1152}, {200, 130, 700},
        {7, 3000, 900},
    };
    private final Rng rng = new Rng(23);
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
    }

    // C = beta * C + sum over KC blocks of (FMA chain from zero over the block, in k order), element by element
    private static void reference(boolean transA, boolean transB, int m, int n, int k, float[] a, int lda,
                                  float[] b, int ldb, float beta, float[] c, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float v = beta == 0f ? 0f : beta == 1f ? c[i * ldc + j] : c[i * ldc + j] * beta;
                for (int p0 = 0; p0 < k; p0 += VectorGemm.KC) {
                    float acc = 0f;
                    for (int p = p0; p < Math.min(k, p0 + VectorGemm.KC); p++) {
                        float av = transA ? a[p * lda + i] : a[i * lda + p];
                        float bv = transB ? b[j * ldb + p] : b[p * ldb + j];
                        acc = Math.fma(av, bv, acc);
                    }
                    v += acc;
                }
                c[i * ldc + j] = v;
            }
        }
    }

    private void assertBitExact(int m, int n, int k, float beta) {
        for (int variant = 0; variant < 4; variant++) {
            boolean transA = (variant & 1) != 0;
            boolean transB = (variant & 2) != 0;
            int lda = transA ? m : k;
            int ldb = transB ? k : n;
            float[] a = UniformArrays.uniform(rng, m * k);
            float[] b = UniformArrays.uniform(rng, k * n);
            float[] c0 = UniformArrays.uniform(rng, m * n);
            float[] expected = c0.clone();
            reference(transA, transB, m, n, k, a, lda, b, ldb, beta, expected, n);
            for (int threads : new int[] {1, 2, 3}) {
                Parallel.setThreads(threads);
                float[] actual = c0.clone();
                VectorGemm.sgemm(transA, transB, m, n, k, a, 0, lda, b, 0, ldb, beta, actual, 0, n);
                for (int e = 0; e < actual.length; e++) {
                    int want = Float.floatToRawIntBits(expected[e]);
                    int got = Float.floatToRawIntBits(actual[e]);
                    if (want != got) {
                        assertEquals(want, got, "m " + m + " n " + n + " k " + k + " transA " + transA + " transB "
                                + transB + " beta " + beta + " threads " + threads + ": C[" + e / n + "," + e % n
                                + "] = " + actual[e] + ", the blocked FMA chain gives " + expected[e]);
                    }
                }
            }
        }
    }

    @Test
    void overwritingProductsAreTheBlockedFmaChainOnEveryPathAndThreadCount() {
        for (int[] s : SHAPES) {
            assertBitExact(s[0], s[1], s[2], 0f);
        }
    }

    @Test
    void accumulatingAndScaledProductsAddTheBlocksToBetaTimesC() {
        assertBitExact(52, 1600, 300, 1f);
        assertBitExact(103, 2100, 256, 0.5f);
        assertBitExact(13, 6400, 27, 1f);
    }
}
