package vigil.tensor.ops;

/**
 * Single-precision general matrix multiply on row-major arrays: C = A' * B' + beta * C, where A' is
 * A or its transpose ([m,k] either way) and B' is B or its transpose ([k,n]). The entry point every op
 * calls: it runs the packed Vector API kernel ({@link VectorGemm}), or the plain reference kernel
 * ({@link ScalarGemm}) when the JVM is started with {@code -Dvigil.vector=off}.
 */
public final class Gemm {
    /** Whether the Vector API kernels are on; read once, so a run never mixes kernels. */
    public static final boolean VECTOR = !"off".equalsIgnoreCase(System.getProperty("vigil.vector", "on"));

    private Gemm() {
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
        if (VECTOR) {
            VectorGemm.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        } else {
            ScalarGemm.sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }
    }
}
