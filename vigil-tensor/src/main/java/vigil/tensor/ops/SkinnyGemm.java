package vigil.tensor.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The unpacked path of {@link VectorGemm} for products with a handful of rows (a recurrent step at batch 1,
 * a linear layer on one sample), where packing B would cost as much as the product. The rows of A' are copied
 * once; then either rows of B are streamed (B' = B) or each element is a vector dot product (B' = B^T).
 * Every element gets the same arithmetic however the columns are split: vector lanes and the scalar twin of
 * the tails run the same fused multiply-add chain, and dot products sum their lanes in index order.
 */
final class SkinnyGemm {
    private static final VectorSpecies<Float> S = VectorGemm.species();
    private static final int L = S.length();

    private SkinnyGemm() {
    }

    // C[i0:i1, j0:j1] += A'[i0:i1, :] * B'[:, j0:j1]; rowBuf holds at least (i1 - i0) * k floats, lanes L floats
    static void multiply(boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k,
                         float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         float[] c, int cOff, int ldc, float[] rowBuf, float[] lanes) {
        for (int i = i0; i < i1; i++) {
            int dst = (i - i0) * k;
            if (transA) {
                for (int p = 0; p < k; p++) {
                    rowBuf[dst + p] = a[aOff + p * lda + i];
                }
            } else {
                System.arraycopy(a, aOff + i * lda, rowBuf, dst, k);
            }
        }
        for (int i = i0; i < i1; i++) {
            int ar = (i - i0) * k;
            int cr = cOff + i * ldc;
            if (transB) {
                for (int j = j0; j < j1; j++) {
                    c[cr + j] += dot(rowBuf, ar, b, bOff + j * ldb, k, lanes);
                }
            } else {
                streamRows(rowBuf, ar, b, bOff, ldb, j0, j1, k, c, cr);
            }
        }
    }

    // c[cr + j] += sum_p a[ar + p] * b[p, j] for j in [j0, j1): a fused chain per column, from zero
    private static void streamRows(float[] a, int ar, float[] b, int bOff, int ldb, int j0, int j1, int k,
                                   float[] c, int cr) {
        int j = j0;
        for (; j + 4 * L <= j1; j += 4 * L) {
            FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
            FloatVector s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
            for (int p = 0; p < k; p++) {
                FloatVector av = FloatVector.broadcast(S, a[ar + p]);
                int bp = bOff + p * ldb + j;
                s0 = av.fma(FloatVector.fromArray(S, b, bp), s0);
                s1 = av.fma(FloatVector.fromArray(S, b, bp + L), s1);
                s2 = av.fma(FloatVector.fromArray(S, b, bp + 2 * L), s2);
                s3 = av.fma(FloatVector.fromArray(S, b, bp + 3 * L), s3);
            }
            addInto(c, cr + j, s0);
            addInto(c, cr + j + L, s1);
            addInto(c, cr + j + 2 * L, s2);
            addInto(c, cr + j + 3 * L, s3);
        }
        for (; j + L <= j1; j += L) {
            FloatVector s0 = FloatVector.zero(S);
            for (int p = 0; p < k; p++) {
                s0 = FloatVector.broadcast(S, a[ar + p]).fma(FloatVector.fromArray(S, b, bOff + p * ldb + j), s0);
            }
            addInto(c, cr + j, s0);
        }
        for (; j < j1; j++) {
            float s = 0f;
            for (int p = 0; p < k; p++) {
                s = Math.fma(a[ar + p], b[bOff + p * ldb + j], s);
            }
            c[cr + j] += s;
        }
    }

    private static void addInto(float[] c, int at, FloatVector v) {
        FloatVector.fromArray(S, c, at).add(v).intoArray(c, at);
    }

    // sum_p x[xAt + p] * y[yAt + p]: lane-wise fused chains, lanes summed in index order, then the scalar tail
    private static float dot(float[] x, int xAt, float[] y, int yAt, int k, float[] lanes) {
        int p = 0;
        float s = 0f;
        if (k >= L) {
            FloatVector acc = FloatVector.zero(S);
            for (; p + L <= k; p += L) {
                acc = FloatVector.fromArray(S, x, xAt + p).fma(FloatVector.fromArray(S, y, yAt + p), acc);
            }
            acc.intoArray(lanes, 0);
            for (int l = 0; l < L; l++) {
                s += lanes[l];
            }
        }
        for (; p < k; p++) {
            s = Math.fma(x[xAt + p], y[yAt + p], s);
        }
        return s;
    }
}
