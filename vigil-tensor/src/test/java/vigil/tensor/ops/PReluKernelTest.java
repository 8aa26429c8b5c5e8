package vigil.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vigil.tensor.ops.UniformArrays.uniform;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vigil.tensor.init.Rng;
import vigil.tensor.parallel.Parallel;

/**
 * The Vector API PReLU loops against their scalar twins (checked by the prelu gradient checks and goldens):
 * y and d/dx bit for bit; d/dslope against a double-precision sum within the float reassociation bound
 * (plane + 16) * 2^-24 * sum |g * x| per slope (the vector sums a plane in 16 lanes, then in double).
 * Sizes include planes that are not a multiple of the lane count, so the tails run too.
 */
class PReluKernelTest {
    private static final double UNIT_ROUNDOFF = Math.scalb(1.0, -24);
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
    }


    @Test
    void forwardVectorMatchesScalarBitForBit() {
        Rng rng = new Rng(11);
        int samples = 3;
        int channels = 5;
        int inner = 37;
        float[] x = uniform(rng, samples * channels * inner);
        float[] w = uniform(rng, channels);
        float[] scalar = new float[x.length];
        float[] vector = new float[x.length];
        PReluKernel.forward(x, w, scalar, samples, channels, inner, false);
        PReluKernel.forward(x, w, vector, samples, channels, inner, true);
        assertArrayEquals(scalar, vector);
    }

    @Test
    void backwardInputGradientMatchesScalarAndSlopeGradientMatchesDoubleSum() {
        Rng rng = new Rng(12);
        int samples = 4;
        int channels = 6;
        int inner = 53;
        float[] x = uniform(rng, samples * channels * inner);
        float[] w = uniform(rng, channels);
        float[] g = uniform(rng, x.length);
        float[] gxScalar = new float[x.length];
        float[] gxVector = new float[x.length];
        float[] gwScalar = new float[channels];
        float[] gwVector = new float[channels];
        PReluKernel.backward(x, w, g, gxScalar, gwScalar, samples, channels, inner, false);
        PReluKernel.backward(x, w, g, gxVector, gwVector, samples, channels, inner, true);
        assertArrayEquals(gxScalar, gxVector, "d/dx, vector vs scalar");
        for (int c = 0; c < channels; c++) {
            double exact = 0;
            double magnitude = 0;
            for (int n = 0; n < samples; n++) {
                for (int i = 0; i < inner; i++) {
                    int at = (n * channels + c) * inner + i;
                    if (!(x[at] > 0f)) {
                        exact += (double) g[at] * x[at];
                        magnitude += Math.abs((double) g[at] * x[at]);
                    }
                }
            }
            double bound = (inner + 16) * UNIT_ROUNDOFF * magnitude + Math.ulp((float) exact);
            double diff = Math.abs(gwVector[c] - exact);
            assertTrue(diff <= bound, "d/dslope " + c + ": vector " + gwVector[c] + " vs exact " + exact
                    + ", bound " + bound);
        }
    }

    @Test
    void sharedSlopeSumsEveryPlane() {
        Rng rng = new Rng(13);
        int samples = 2;
        int channels = 3;
        int inner = 20;
        float[] x = uniform(rng, samples * channels * inner);
        float[] w = {0.25f};
        float[] g = uniform(rng, x.length);
        float[] gx = new float[x.length];
        float[] gw = new float[1];
        PReluKernel.backward(x, w, g, gx, gw, samples, channels, inner, true);
        double exact = 0;
        double magnitude = 0;
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] > 0f)) {
                exact += (double) g[i] * x[i];
                magnitude += Math.abs((double) g[i] * x[i]);
            }
        }
        double bound = (x.length + 16) * UNIT_ROUNDOFF * magnitude;
        assertTrue(Math.abs(gw[0] - exact) <= bound, "shared slope gradient " + gw[0] + " vs exact " + exact);
    }

    @Test
    void resultsDoNotDependOnThreadCount() {
        Rng rng = new Rng(14);
        int samples = 8;
        int channels = 32;
        int inner = 400;
        float[] x = uniform(rng, samples * channels * inner);
        float[] w = uniform(rng, channels);
        float[] g = uniform(rng, x.length);
        float[][] one = run(1, x, w, g, samples, channels, inner);
        float[][] three = run(3, x, w, g, samples, channels, inner);
        for (int k = 0; k < one.length; k++) {
            assertArrayEquals(one[k], three[k], "output " + k + " on 1 vs 3 threads");
        }
    }

    private static float[][] run(int threads, float[] x, float[] w, float[] g, int samples, int channels, int inner) {
        Parallel.setThreads(threads);
        float[] y = new float[x.length];
        float[] gx = new float[x.length];
        float[] gw = new float[w.length];
        PReluKernel.forward(x, w, y, samples, channels, inner, true);
        PReluKernel.backward(x, w, g, gx, gw, samples, channels, inner, true);
        return new float[][] {y, gx, gw};
    }
}
