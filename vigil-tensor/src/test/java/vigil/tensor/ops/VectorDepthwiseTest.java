package vigil.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vigil.tensor.ops.UniformArrays.uniform;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vigil.tensor.init.Rng;
import vigil.tensor.parallel.Parallel;

/**
 * The Vector API depthwise kernel gives the same bits as its scalar twin (DepthwiseConv2d, itself checked
 * against PyTorch by the conv2d goldens), for the shapes MiniFASNet uses and for ragged ones, on any
 * thread count.
 */
class VectorDepthwiseTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
    }


    private static Conv2dGeometry depthwise(int n, int c, int h, int w, int mult, int kh, int kw, int stride, int pad) {
        return Conv2dGeometry.of(new int[] {n, c, h, w}, new int[] {c * mult, 1, kh, kw}, new int[] {stride, stride},
                new int[] {pad, pad}, new int[] {1, 1}, c);
    }

    /** Runs both kernels on the same operands and compares them bit for bit. */
    private static float[] assertVectorMatchesScalar(Conv2dGeometry g) {
        Rng rng = new Rng(7);
        float[] x = uniform(rng, g.n() * g.c() * g.h() * g.w());
        float[] weight = uniform(rng, g.o() * g.kh() * g.kw());
        float[] scalar = new float[g.n() * g.o() * g.ho() * g.wo()];
        float[] vector = new float[scalar.length];
        DepthwiseConv2d.forwardScalar(g, x, weight, scalar);
        VectorDepthwise.forward(g, x, weight, vector);
        assertArrayEquals(scalar, vector, "vector vs scalar depthwise for " + g);
        return vector;
    }

    @Test
    void threeByThreeStrideOneMatchesScalarBitForBit() {
        assertVectorMatchesScalar(depthwise(2, 5, 40, 40, 1, 3, 3, 1, 1));
        assertVectorMatchesScalar(depthwise(3, 4, 13, 11, 1, 3, 3, 1, 1));
    }

    @Test
    void threeByThreeStrideTwoMatchesScalarBitForBit() {
        assertVectorMatchesScalar(depthwise(2, 5, 40, 40, 1, 3, 3, 2, 1));
        assertVectorMatchesScalar(depthwise(2, 3, 13, 11, 1, 3, 3, 2, 1));
        assertVectorMatchesScalar(depthwise(1, 3, 10, 10, 1, 3, 3, 2, 1));
    }

    @Test
    void fiveByFiveMatchesScalarBitForBit() {
        assertVectorMatchesScalar(depthwise(4, 6, 5, 5, 1, 5, 5, 1, 0));
        assertVectorMatchesScalar(depthwise(2, 3, 12, 9, 1, 5, 5, 1, 2));
        assertVectorMatchesScalar(depthwise(2, 3, 12, 9, 1, 5, 5, 2, 2));
    }

    @Test
    void rectangularKernelAndChannelMultiplierMatchScalarBitForBit() {
        Conv2dGeometry g = Conv2dGeometry.of(new int[] {2, 3, 9, 14}, new int[] {6, 1, 3, 5}, new int[] {2, 2},
                new int[] {1, 2}, new int[] {1, 1}, 3);
        assertVectorMatchesScalar(g);
    }

    @Test
    void vectorKernelIsThreadCountInvariant() {
        Parallel.setThreads(1);
        float[] one = assertVectorMatchesScalar(depthwise(3, 7, 20, 20, 1, 3, 3, 2, 1));
        Parallel.setThreads(3);
        float[] three = assertVectorMatchesScalar(depthwise(3, 7, 20, 20, 1, 3, 3, 2, 1));
        assertArrayEquals(one, three, "1 vs 3 threads");
    }

    @Test
    void dilatedOrUnequalStridesAreLeftToTheScalarKernel() {
        assertFalse(VectorDepthwise.supports(Conv2dGeometry.of(new int[] {1, 2, 9, 9}, new int[] {2, 1, 3, 3},
                new int[] {1, 1}, new int[] {1, 1}, new int[] {2, 2}, 2)));
        assertFalse(VectorDepthwise.supports(Conv2dGeometry.of(new int[] {1, 2, 9, 9}, new int[] {2, 1, 3, 3},
                new int[] {1, 2}, new int[] {1, 1}, new int[] {1, 1}, 2)));
        assertFalse(VectorDepthwise.supports(Conv2dGeometry.of(new int[] {1, 2, 9, 9}, new int[] {2, 1, 3, 3},
                new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1}, 2)));
        assertTrue(VectorDepthwise.supports(depthwise(1, 2, 9, 9, 1, 3, 3, 2, 1)));
    }
}
