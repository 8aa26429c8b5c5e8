package vigil.tensor.ops;

/**
 * Single-precision general matrix multiply on row-major arrays: C = A' * B' + beta * C, where A' is
 * A or its transpose ([m,k] either way) and B' is B or its transpose ([k,n]). This is the plain
 * reference kernel, the twin of {@link VectorGemm} that {@link Gemm} runs under -Dvigil.vector=off;
 * loops are ordered so the innermost one runs along contiguous memory.
 */
public final class ScalarGemm {
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[1][0]);

    private ScalarGemm() {
    }

    /** A per-thread buffer of at least n floats, reused across calls so transposes allocate nothing. */
    private static float[] scratch(int n) {
        float[][] holder = SCRATCH.get();
        if (holder[0].length < n) {
            holder[0] = new float[n];
        }
        return holder[0];
    }

    /**
     * @param a   A at aOff, row-major: [m,k] (lda = k) or, if transA, [k,m] (lda = m)
     * @param b   B at bOff, row-major: [k,n] (ldb = n) or, if transB, [n,k] (ldb = k)
     * @param c   C at cOff, row-major [m,n] with row stride ldc
     * @param beta 0 overwrites C, 1 accumulates into it
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        if (beta == 0f) {
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            }
        } else if (beta != 1f) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    c[cOff + i * ldc + j] *= beta;
                }
            }
        }
        if (transB) {
            // A dot product per element would be a serial float reduction the JIT cannot vectorise;
            // transposing B once (O(n*k)) lets the row-streaming loop below run on all of it.
            float[] bt = scratch(k * n);
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * ldb;
                for (int p = 0; p < k; p++) {
                    bt[p * n + j] = b[bj + p];
                }
            }
            b = bt;
            bOff = 0;
            ldb = n;
        }
        // c[i,:] += a'[i,p] * b[p,:]: the inner loop streams rows of B and C, which the JIT vectorises.
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            for (int p = 0; p < k; p++) {
                float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                if (av == 0f) {
                    continue;
                }
                int bp = bOff + p * ldb;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += av * b[bp + j];
                }
            }
        }
    }
}
