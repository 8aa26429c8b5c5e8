package vigil.tensor.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The weight gradient of a recurrent layer's product, summed over its steps after the backward recursion:
 * <pre>
 *   for each step s, in the order given:  C[i, j] += sum_{p < k} A_s[p, i] B_s[p, j]     (i in [i0, i1), j < n)
 * </pre>
 * with A_s [k, *] (the step's gate gradients, row stride lda) and B_s [k, n] (the step's input or previous
 * state, row stride ldb). Each step's sum is one fused multiply-add chain from zero over p, then added to C:
 * the arithmetic of adding one step at a time inside the recursion, so moving the sum out of it changes no bit,
 * while rows of C can be split across threads with no barrier per step. The 4-row x 4-vector register block,
 * the one-vector and scalar columns and the scalar twin ({@code -Dvigil.vector=off}) all give the same bits.
 */
final class StepSumGemm {
    private static final VectorSpecies<Float> S = VectorGemm.species();
    private static final int L = S.length();
    private static final int MR = 4;

    private StepSumGemm() {
    }

    /**
     * @param a     A_s of step s at a[aOffs[s]], [k, *] with row stride lda; columns i0..i1-1 are read
     * @param bs    B_s of step s at bs[s][bOffs[s]], [k, n] with row stride ldb
     * @param c     C [*, n] with row stride ldc; rows i0..i1-1 are added to
     */
    static void rows(int i0, int i1, int n, int k, int steps, float[] a, int[] aOffs, int lda, float[][] bs,
                     int[] bOffs, int ldb, float[] c, int ldc) {
        for (int s = 0; s < steps; s++) {
            int aOff = aOffs[s];
            float[] b = bs[s];
            int bOff = bOffs[s];
            int i = i0;
            if (Gemm.VECTOR) {
                for (; i + MR <= i1; i += MR) {
                    int j = 0;
                    for (; j + 4 * L <= n; j += 4 * L) {
                        block4x4(i, j, k, a, aOff, lda, b, bOff, ldb, c, ldc);
                    }
                    for (int r = i; r < i + MR; r++) {
                        row(r, j, n, k, a, aOff, lda, b, bOff, ldb, c, ldc);
                    }
                }
            }
            for (; i < i1; i++) {
                row(i, 0, n, k, a, aOff, lda, b, bOff, ldb, c, ldc);
            }
        }
    }

    // C[i:i+4, j:j+4L] += A[:, i:i+4]^T B[:, j:j+4L]: 16 accumulators, 4 loads of B and 4 broadcasts per 16 FMAs
    private static void block4x4(int i, int j, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                 float[] c, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c02 = FloatVector.zero(S), c03 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S), c12 = FloatVector.zero(S), c13 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c22 = FloatVector.zero(S), c23 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S), c32 = FloatVector.zero(S), c33 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            int bp = bOff + p * ldb + j;
            int ap = aOff + p * lda + i;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * L);
            FloatVector b3 = FloatVector.fromArray(S, b, bp + 3 * L);
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            c03 = x.fma(b3, c03);
            x = FloatVector.broadcast(S, a[ap + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            c13 = x.fma(b3, c13);
            x = FloatVector.broadcast(S, a[ap + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            c23 = x.fma(b3, c23);
            x = FloatVector.broadcast(S, a[ap + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            c33 = x.fma(b3, c33);
        }
        // written out, not in a helper: C2 boxes vectors passed to a call it does not inline
        int o = i * ldc + j;
        c00.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
        c01.add(FloatVector.fromArray(S, c, o + L)).intoArray(c, o + L);
        c02.add(FloatVector.fromArray(S, c, o + 2 * L)).intoArray(c, o + 2 * L);
        c03.add(FloatVector.fromArray(S, c, o + 3 * L)).intoArray(c, o + 3 * L);
        o += ldc;
        c10.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
        c11.add(FloatVector.fromArray(S, c, o + L)).intoArray(c, o + L);
        c12.add(FloatVector.fromArray(S, c, o + 2 * L)).intoArray(c, o + 2 * L);
        c13.add(FloatVector.fromArray(S, c, o + 3 * L)).intoArray(c, o + 3 * L);
        o += ldc;
        c20.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
        c21.add(FloatVector.fromArray(S, c, o + L)).intoArray(c, o + L);
        c22.add(FloatVector.fromArray(S, c, o + 2 * L)).intoArray(c, o + 2 * L);
        c23.add(FloatVector.fromArray(S, c, o + 3 * L)).intoArray(c, o + 3 * L);
        o += ldc;
        c30.add(FloatVector.fromArray(S, c, o)).intoArray(c, o);
        c31.add(FloatVector.fromArray(S, c, o + L)).intoArray(c, o + L);
        c32.add(FloatVector.fromArray(S, c, o + 2 * L)).intoArray(c, o + 2 * L);
        c33.add(FloatVector.fromArray(S, c, o + 3 * L)).intoArray(c, o + 3 * L);
    }

    // Row i of C += A[:, i]^T B from column j0 on: whole vectors, then scalar chains.
    private static void row(int i, int j0, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff,
                            int ldb, float[] c, int ldc) {
        int cr = i * ldc;
        int j = j0;
        if (Gemm.VECTOR) {
            for (; j + L <= n; j += L) {
                FloatVector s = FloatVector.zero(S);
                for (int p = 0; p < k; p++) {
                    s = FloatVector.broadcast(S, a[aOff + p * lda + i]).fma(FloatVector.fromArray(S, b, bOff + p * ldb + j), s);
                }
                s.add(FloatVector.fromArray(S, c, cr + j)).intoArray(c, cr + j);
            }
        }
        for (; j < n; j++) {
            float s = 0f;
            for (int p = 0; p < k; p++) {
                s = Math.fma(a[aOff + p * lda + i], b[bOff + p * ldb + j], s);
            }
            c[cr + j] += s;
        }
    }
}
