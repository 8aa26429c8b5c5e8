package vigil.tensor.ops;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked micro-kernels of {@link VectorGemm}: C[rows, NR] += A'[rows, kc] * B'[kc, NR] for one
 * KC block, with NR = 2 vectors, A' read from a packed panel [kc, rows] and B' from a packed panel [kc, NR]
 * ({@link GemmPacking}). Each accumulator runs a fused multiply-add chain from zero in k order and is then
 * added once into C, so both kernels give every element the same arithmetic: a matrix can mix them (wide
 * panels, then narrow ones for the last rows) without changing a bit of the result.
 *
 * <p>Written out by hand, one local per accumulator: C2 (JDK 25) keeps such locals in registers, while
 * arrays of vectors, a helper method for the final adds into C (measured: the 12-row kernel ran 20x slower
 * with one), or a spill path for edge tiles in the same method leave vectors boxed and allocate per k step.
 * Edge tiles therefore run the same kernel into a scratch tile (see VectorGemm).
 */
final class GemmMicroKernels {
    private static final VectorSpecies<Float> S = VectorGemm.species();
    private static final int L = S.length();
    static final int NR = 2 * L;
    /** Rows of the wide kernel: 24 accumulators + 2 B vectors + 1 broadcast fit AVX-512's 32 registers. */
    static final int WIDE = 12;
    /** Rows of the narrow kernel: 8 accumulators, for the last rows of A' and for 16-register machines. */
    static final int NARROW = 4;

    private GemmMicroKernels() {
    }

    // C[12, NR] at cAt (row stride ldc) += panel ap[kc, 12] at aAt x panel bp[kc, NR] at bAt
    static void add12(int kc, float[] ap, int aAt, float[] bp, int bAt, float[] c, int cAt, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        FloatVector c80 = FloatVector.zero(S), c81 = FloatVector.zero(S);
        FloatVector c90 = FloatVector.zero(S), c91 = FloatVector.zero(S);
        FloatVector c100 = FloatVector.zero(S), c101 = FloatVector.zero(S);
        FloatVector c110 = FloatVector.zero(S), c111 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bo = bAt + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            int ao = aAt + p * 12;
            FloatVector a0 = FloatVector.broadcast(S, ap[ao]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, ap[ao + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, ap[ao + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, ap[ao + 6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, ap[ao + 7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
            FloatVector a8 = FloatVector.broadcast(S, ap[ao + 8]);
            c80 = a8.fma(b0, c80);
            c81 = a8.fma(b1, c81);
            FloatVector a9 = FloatVector.broadcast(S, ap[ao + 9]);
            c90 = a9.fma(b0, c90);
            c91 = a9.fma(b1, c91);
            FloatVector a10 = FloatVector.broadcast(S, ap[ao + 10]);
            c100 = a10.fma(b0, c100);
            c101 = a10.fma(b1, c101);
            FloatVector a11 = FloatVector.broadcast(S, ap[ao + 11]);
            c110 = a11.fma(b0, c110);
            c111 = a11.fma(b1, c111);
        }
        FloatVector.fromArray(S, c, cAt).add(c00).intoArray(c, cAt);
        FloatVector.fromArray(S, c, cAt + L).add(c01).intoArray(c, cAt + L);
        FloatVector.fromArray(S, c, cAt + ldc).add(c10).intoArray(c, cAt + ldc);
        FloatVector.fromArray(S, c, cAt + ldc + L).add(c11).intoArray(c, cAt + ldc + L);
        FloatVector.fromArray(S, c, cAt + 2 * ldc).add(c20).intoArray(c, cAt + 2 * ldc);
        FloatVector.fromArray(S, c, cAt + 2 * ldc + L).add(c21).intoArray(c, cAt + 2 * ldc + L);
        FloatVector.fromArray(S, c, cAt + 3 * ldc).add(c30).intoArray(c, cAt + 3 * ldc);
        FloatVector.fromArray(S, c, cAt + 3 * ldc + L).add(c31).intoArray(c, cAt + 3 * ldc + L);
        FloatVector.fromArray(S, c, cAt + 4 * ldc).add(c40).intoArray(c, cAt + 4 * ldc);
        FloatVector.fromArray(S, c, cAt + 4 * ldc + L).add(c41).intoArray(c, cAt + 4 * ldc + L);
        FloatVector.fromArray(S, c, cAt + 5 * ldc).add(c50).intoArray(c, cAt + 5 * ldc);
        FloatVector.fromArray(S, c, cAt + 5 * ldc + L).add(c51).intoArray(c, cAt + 5 * ldc + L);
        FloatVector.fromArray(S, c, cAt + 6 * ldc).add(c60).intoArray(c, cAt + 6 * ldc);
        FloatVector.fromArray(S, c, cAt + 6 * ldc + L).add(c61).intoArray(c, cAt + 6 * ldc + L);
        FloatVector.fromArray(S, c, cAt + 7 * ldc).add(c70).intoArray(c, cAt + 7 * ldc);
        FloatVector.fromArray(S, c, cAt + 7 * ldc + L).add(c71).intoArray(c, cAt + 7 * ldc + L);
        FloatVector.fromArray(S, c, cAt + 8 * ldc).add(c80).intoArray(c, cAt + 8 * ldc);
        FloatVector.fromArray(S, c, cAt + 8 * ldc + L).add(c81).intoArray(c, cAt + 8 * ldc + L);
        FloatVector.fromArray(S, c, cAt + 9 * ldc).add(c90).intoArray(c, cAt + 9 * ldc);
        FloatVector.fromArray(S, c, cAt + 9 * ldc + L).add(c91).intoArray(c, cAt + 9 * ldc + L);
        FloatVector.fromArray(S, c, cAt + 10 * ldc).add(c100).intoArray(c, cAt + 10 * ldc);
        FloatVector.fromArray(S, c, cAt + 10 * ldc + L).add(c101).intoArray(c, cAt + 10 * ldc + L);
        FloatVector.fromArray(S, c, cAt + 11 * ldc).add(c110).intoArray(c, cAt + 11 * ldc);
        FloatVector.fromArray(S, c, cAt + 11 * ldc + L).add(c111).intoArray(c, cAt + 11 * ldc + L);
    }

    // C[4, NR] at cAt (row stride ldc) += panel ap[kc, 4] at aAt x panel bp[kc, NR] at bAt
    static void add4(int kc, float[] ap, int aAt, float[] bp, int bAt, float[] c, int cAt, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int bo = bAt + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            int ao = aAt + p * 4;
            FloatVector a0 = FloatVector.broadcast(S, ap[ao]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
        }
        FloatVector.fromArray(S, c, cAt).add(c00).intoArray(c, cAt);
        FloatVector.fromArray(S, c, cAt + L).add(c01).intoArray(c, cAt + L);
        FloatVector.fromArray(S, c, cAt + ldc).add(c10).intoArray(c, cAt + ldc);
        FloatVector.fromArray(S, c, cAt + ldc + L).add(c11).intoArray(c, cAt + ldc + L);
        FloatVector.fromArray(S, c, cAt + 2 * ldc).add(c20).intoArray(c, cAt + 2 * ldc);
        FloatVector.fromArray(S, c, cAt + 2 * ldc + L).add(c21).intoArray(c, cAt + 2 * ldc + L);
        FloatVector.fromArray(S, c, cAt + 3 * ldc).add(c30).intoArray(c, cAt + 3 * ldc);
        FloatVector.fromArray(S, c, cAt + 3 * ldc + L).add(c31).intoArray(c, cAt + 3 * ldc + L);
    }
}
