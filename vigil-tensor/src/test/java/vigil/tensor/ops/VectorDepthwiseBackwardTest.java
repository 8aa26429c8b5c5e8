package vigil.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vigil.tensor.ops.UniformArrays.uniform;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vigil.tensor.init.Rng;
import vigil.tensor.parallel.Parallel;

/**
 * The Vector API depthwise backward against its scalar twin (DepthwiseConv2d.backwardScalar, checked by the
 * conv2d gradient checks and goldens): d/dx bit for bit; d/dweight within the reassociation bound
 * (ho * wo + 2 * wo + 8) * 2^-24 * sum |gy * x|, the magnitude taken by the twin itself on |gy| and |x|.
 */
class VectorDepthwiseBackwardTest {
    private static final double UNIT_ROUNDOFF = Math.scalb(1.0, -24);
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
    }


    private static float[] abs(float[] v) {
        float[] a = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            a[i] = Math.abs(v[i]);
        }
        return a;
    }

    private static Conv2dGeometry geometry(int n, int c, int h, int w, int mult, int kh, int kw, int stride,
                                           int ph, int pw) {
        return Conv2dGeometry.of(new int[] {n, c, h, w}, new int[] {c * mult, 1, kh, kw}, new int[] {stride, stride},
                new int[] {ph, pw}, new int[] {1, 1}, c);
    }

    /** Returns {gx, gw} of the vector kernel after checking both against the twin. */
    private static float[][] assertVectorMatchesScalar(Conv2dGeometry g) {
        assertTrue(VectorDepthwiseBackward.supports(g), g.toString());
        Rng rng = new Rng(9);
        float[] x = uniform(rng, g.n() * g.c() * g.h() * g.w());
        float[] weight = uniform(rng, g.o() * g.kh() * g.kw());
        float[] gy = uniform(rng, g.n() * g.o() * g.ho() * g.wo());
        float[] gxScalar = uniform(rng, x.length);
        float[] gxVector = gxScalar.clone();
        float[] gwScalar = uniform(rng, weight.length);
        float[] gwVector = gwScalar.clone();
        DepthwiseConv2d.backwardScalar(g, x, weight, gy, gxScalar, gwScalar);
        VectorDepthwiseBackward.backward(g, x, weight, gy, gxVector, gwVector);
        assertArrayEquals(gxScalar, gxVector, "d/dx, vector vs scalar, for " + g);
        float[] magnitude = new float[weight.length];
        DepthwiseConv2d.backwardScalar(g, abs(x), weight, abs(gy), null, magnitude);
        double factor = (g.ho() * g.wo() + 2.0 * g.wo() + 8) * UNIT_ROUNDOFF;
        for (int i = 0; i < gwScalar.length; i++) {
            double bound = factor * magnitude[i] + Math.ulp(Math.abs(gwScalar[i])) * 2;
            double diff = Math.abs(gwScalar[i] - gwVector[i]);
            assertTrue(diff <= bound, "d/dweight " + i + ": vector " + gwVector[i] + " vs scalar " + gwScalar[i]
                    + ", bound " + bound + " for " + g);
        }
        return new float[][] {gxVector, gwVector};
    }

    @Test
    void threeByThreeStrideOneMatchesScalar() {
        assertVectorMatchesScalar(geometry(2, 5, 40, 40, 1, 3, 3, 1, 1, 1));
        assertVectorMatchesScalar(geometry(3, 4, 13, 11, 1, 3, 3, 1, 1, 1));
    }

    @Test
    void threeByThreeStrideTwoMatchesScalar() {
        assertVectorMatchesScalar(geometry(2, 5, 40, 40, 1, 3, 3, 2, 1, 1));
        assertVectorMatchesScalar(geometry(2, 3, 13, 11, 1, 3, 3, 2, 1, 1));
        assertVectorMatchesScalar(geometry(1, 3, 10, 10, 1, 3, 3, 2, 1, 1));
    }

    @Test
    void fiveByFiveAndRectangularKernelsMatchScalar() {
        assertVectorMatchesScalar(geometry(4, 6, 5, 5, 1, 5, 5, 1, 0, 0));
        assertVectorMatchesScalar(geometry(2, 3, 12, 9, 1, 5, 5, 2, 2, 2));
        assertVectorMatchesScalar(geometry(2, 3, 9, 14, 2, 3, 5, 2, 1, 2));
        assertVectorMatchesScalar(geometry(2, 2, 7, 8, 3, 3, 3, 1, 0, 1));
    }

    @Test
    void backwardIsThreadCountInvariant() {
        Parallel.setThreads(1);
        float[][] one = assertVectorMatchesScalar(geometry(3, 7, 20, 20, 1, 3, 3, 2, 1, 1));
        Parallel.setThreads(3);
        float[][] three = assertVectorMatchesScalar(geometry(3, 7, 20, 20, 1, 3, 3, 2, 1, 1));
        assertArrayEquals(one[0], three[0], "d/dx on 1 vs 3 threads");
        assertArrayEquals(one[1], three[1], "d/dweight on 1 vs 3 threads");
    }

    @Test
    void inputGradientOverwritesWhateverTheBufferHeld() {
        // Conv2dOp hands both kernels a pooled buffer that is not zeroed: d/dx must not read it
        Conv2dGeometry g = geometry(2, 3, 10, 10, 1, 3, 3, 1, 1, 1);
        Rng rng = new Rng(17);
        float[] x = uniform(rng, g.n() * g.c() * g.h() * g.w());
        float[] weight = uniform(rng, g.o() * g.kh() * g.kw());
        float[] gy = uniform(rng, g.n() * g.o() * g.ho() * g.wo());
        float[] fromZeros = new float[x.length];
        DepthwiseConv2d.backwardScalar(g, x, weight, gy, fromZeros, null);
        float[] scalar = new float[x.length];
        Arrays.fill(scalar, Float.NaN);
        DepthwiseConv2d.backwardScalar(g, x, weight, gy, scalar, null);
        float[] vector = new float[x.length];
        Arrays.fill(vector, Float.NaN);
        VectorDepthwiseBackward.backward(g, x, weight, gy, vector, null);
        assertArrayEquals(fromZeros, scalar, "scalar d/dx over a NaN-filled buffer");
        assertArrayEquals(fromZeros, vector, "vector d/dx over a NaN-filled buffer");
    }

    @Test
    void paddingAsWideAsTheKernelIsLeftToTheScalarKernel() {
        assertFalse(VectorDepthwiseBackward.supports(geometry(1, 2, 9, 9, 1, 3, 3, 1, 3, 1)));
    }
}
