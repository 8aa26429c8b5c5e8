package vigil.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vigil.tensor.ops.UniformArrays.uniform;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vigil.tensor.init.Rng;
import vigil.tensor.parallel.Parallel;

/**
 * The batched 1x1 convolution against the per-sample products written out in double here. A float dot
 * product of k terms is within (k + 2) * 2^-24 times the sum of its |terms| (the GEMM error bound); k is c
 * for y, o for d/dx and n * plane for d/dweight. Planes of 25 take the batched (channel-major) form, planes
 * of 144 the per-sample one.
 */
class PointwiseConvTest {
    private static final double UNIT_ROUNDOFF = Math.scalb(1.0, -24);
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
    }

    // x [n, c, plane], w [o, c] and gy [n, o, plane], uniform in [-1, 1), drawn in that order
    private record Operands(int n, int c, int o, int plane, float[] x, float[] w, float[] gy) {
        static Operands draw(Rng rng, int n, int c, int o, int plane) {
            float[] x = uniform(rng, n * c * plane);
            float[] w = uniform(rng, o * c);
            return new Operands(n, c, o, plane, x, w, uniform(rng, n * o * plane));
        }

        // y, d/dx and d/dweight (summed from zero) on the given thread count
        float[][] run(int threads) {
            Parallel.setThreads(threads);
            float[] y = new float[n * o * plane];
            float[] gx = new float[x.length];
            float[] gw = new float[w.length];
            PointwiseConv.forward(n, c, o, plane, x, w, y);
            PointwiseConv.gradInput(n, c, o, plane, w, gy, gx);
            PointwiseConv.gradWeight(n, c, o, plane, x, gy, gw);
            return new float[][] {y, gx, gw};
        }
    }

    private static void assertMatchesReference(int n, int c, int o, int plane) {
        Rng rng = new Rng(31);
        Operands op = Operands.draw(rng, n, c, o, plane);
        float[] x = op.x();
        float[] w = op.w();
        float[] gy = op.gy();
        float[] y = new float[n * o * plane];
        float[] gx = new float[x.length];
        float[] gw = uniform(rng, w.length);
        float[] gw0 = gw.clone();
        PointwiseConv.forward(n, c, o, plane, x, w, y);
        PointwiseConv.gradInput(n, c, o, plane, w, gy, gx);
        PointwiseConv.gradWeight(n, c, o, plane, x, gy, gw);
        String where = " for n " + n + ", c " + c + ", o " + o + ", plane " + plane;
        for (int s = 0; s < n; s++) {
            for (int p = 0; p < plane; p++) {
                for (int oc = 0; oc < o; oc++) {
                    double sum = 0;
                    double magnitude = 0;
                    for (int ic = 0; ic < c; ic++) {
                        double term = (double) w[oc * c + ic] * x[(s * c + ic) * plane + p];
                        sum += term;
                        magnitude += Math.abs(term);
                    }
                    double got = y[(s * o + oc) * plane + p];
                    assertTrue(Math.abs(got - sum) <= (c + 2) * UNIT_ROUNDOFF * magnitude, "y" + where);
                }
                for (int ic = 0; ic < c; ic++) {
                    double sum = 0;
                    double magnitude = 0;
                    for (int oc = 0; oc < o; oc++) {
                        double term = (double) w[oc * c + ic] * gy[(s * o + oc) * plane + p];
                        sum += term;
                        magnitude += Math.abs(term);
                    }
                    double got = gx[(s * c + ic) * plane + p];
                    assertTrue(Math.abs(got - sum) <= (o + 2) * UNIT_ROUNDOFF * magnitude, "d/dx" + where);
                }
            }
        }
        for (int oc = 0; oc < o; oc++) {
            for (int ic = 0; ic < c; ic++) {
                double sum = gw0[oc * c + ic];
                double magnitude = Math.abs(sum);
                for (int s = 0; s < n; s++) {
                    for (int p = 0; p < plane; p++) {
                        double term = (double) gy[(s * o + oc) * plane + p] * x[(s * c + ic) * plane + p];
                        sum += term;
                        magnitude += Math.abs(term);
                    }
                }
                double got = gw[oc * c + ic];
                assertTrue(Math.abs(got - sum) <= (n * plane + 3) * UNIT_ROUNDOFF * magnitude, "d/dweight" + where);
            }
        }
    }

    @Test
    void batchedSmallPlanesMatchReference() {
        assertMatchesReference(3, 7, 5, 25);
    }

    @Test
    void perSampleLargePlanesMatchReference() {
        assertMatchesReference(2, 6, 9, 144);
    }

    @Test
    void largePlanesWithMoreInputsThanOneKBlockMatchReference() {
        // c = 260 > VectorGemm.KC: the unpacked product adds a second k block; o = 13: 6-row and 1-row tiles;
        // plane 400 = 6 x 64 + 16: whole 4-vector blocks and a zero-padded tail
        assertMatchesReference(2, 260, 13, 400);
    }

    @Test
    void largePlanesGiveTheBitsOfOneProductPerSample() {
        Operands op = Operands.draw(new Rng(33), 3, 40, 20, 400);
        int c = op.c();
        int o = op.o();
        int plane = op.plane();
        float[] w = op.w();
        float[][] got = op.run(2);
        for (int s = 0; s < op.n(); s++) {
            float[] y = new float[o * plane];
            float[] gx = new float[c * plane];
            Gemm.sgemm(false, false, o, plane, c, w, 0, c, op.x(), s * c * plane, plane, 0f, y, 0, plane);
            Gemm.sgemm(true, false, c, plane, o, w, 0, c, op.gy(), s * o * plane, plane, 0f, gx, 0, plane);
            // delta 0: equal values, so an exact zero may differ in sign (FusedPointwise's contract)
            assertArrayEquals(y, Arrays.copyOfRange(got[0], s * o * plane, (s + 1) * o * plane), 0f,
                    "y of sample " + s);
            assertArrayEquals(gx, Arrays.copyOfRange(got[1], s * c * plane, (s + 1) * c * plane), 0f,
                    "d/dx of sample " + s);
        }
    }

    @Test
    void singleSampleMatchesReference() {
        assertMatchesReference(1, 8, 4, 25);
    }

    @Test
    void resultsDoNotDependOnThreadCount() {
        Operands op = Operands.draw(new Rng(32), 8, 48, 64, 25);
        float[][] one = op.run(1);
        float[][] three = op.run(3);
        for (int k = 0; k < one.length; k++) {
            assertArrayEquals(one[k], three[k], "output " + k + " on 1 vs 3 threads");
        }
    }
}
