package vigil.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.FusedConv2dOp.Activation;
import vigil.tensor.parallel.Parallel;

/**
 * The fused inference product and the fused convolution paths against the unfused computation they replace.
 * The claim is bit-equality (their class comments give the argument), so every comparison is exact: the
 * reference is VectorGemm's product (the kernel FusedConv2dOp used before, whatever -Dvigil.vector says),
 * then FusedConv2dOp.epilogue, then the residual added as Elementwise adds it. Shapes cover whole and cut
 * 4-vector column blocks, 2-vector tails, rows below a multiple of 6, k over one KC block, and a product large
 * enough to be split across threads. Row counts stay above VectorGemm's skinny path (m <= 4), whose
 * summation differs.
 */
class FusedPointwiseTest {
    private static final int[][] SHAPES = {
        {13, 400, 64}, {103, 1600, 32}, {128, 25, 308}, {7, 37, 5}, {26, 100, 300}, {64, 16, 13}, {12, 33, 1}};

    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(savedThreads);
    }

    private static float[] reference(int m, int n, int k, float[] w, float[] x, float[] bias, Activation act,
                                     float[] slopes, float[] residual) {
        float[] y = new float[m * n];
        VectorGemm.sgemm(false, false, m, n, k, w, 0, k, x, 0, n, 0f, y, 0, n);
        for (int o = 0; o < m; o++) {
            FusedConv2dOp.epilogue(y, o * n, n, o, bias, act, slopes);
        }
        if (residual != null) {
            for (int i = 0; i < y.length; i++) {
                y[i] = residual[i] + y[i];
            }
        }
        return y;
    }

    @Test
    void productWithEpilogueAndResidualHasTheBitsOfSgemmThenEpilogueThenAdd() {
        Rng rng = new Rng(11);
        for (int[] s : SHAPES) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            float[] w = UniformArrays.uniform(rng, m * k);
            float[] x = UniformArrays.uniform(rng, k * n);
            float[] bias = UniformArrays.uniform(rng, m);
            float[] slopes = UniformArrays.uniform(rng, m);
            float[] residual = UniformArrays.uniform(rng, m * n);
            for (Activation act : Activation.values()) {
                for (float[] res : new float[][] {null, residual}) {
                    float[] expected = reference(m, n, k, w, x, bias, act, slopes, res);
                    float[] y = new float[m * n];
                    Arrays.fill(y, Float.NaN);
                    FusedPointwise.forward(m, n, k, w, 0, x, 0, y, 0,
                            new FusedPointwise.Epilogue(bias, act, act == Activation.PRELU ? slopes : null, res));
                    assertArrayEquals(expected, y, Arrays.toString(s) + " " + act + (res == null ? "" : " + residual"));
                }
            }
        }
    }

    @Test
    void resultDoesNotDependOnTheThreadCount() {
        Rng rng = new Rng(12);
        int m = 103;
        int n = 1600;
        int k = 32;
        float[] w = UniformArrays.uniform(rng, m * k);
        float[] x = UniformArrays.uniform(rng, k * n);
        float[] bias = UniformArrays.uniform(rng, m);
        FusedPointwise.Epilogue e = new FusedPointwise.Epilogue(bias, Activation.RELU, null, null);
        float[][] outputs = new float[3][m * n];
        for (int threads = 1; threads <= 3; threads++) {
            Parallel.setThreads(threads);
            FusedPointwise.forward(m, n, k, w, 0, x, 0, outputs[threads - 1], 0, e);
        }
        assertArrayEquals(outputs[0], outputs[1]);
        assertArrayEquals(outputs[0], outputs[2]);
    }

    /** conv_6_dw's shape: a depthwise kernel covering its whole unpadded input takes the one-output path. */
    @Test
    void globalDepthwiseHasTheBitsOfThePlaneKernelThenEpilogue() {
        Rng rng = new Rng(13);
        int n = 2;
        int c = 40;
        Tensor x = Tensor.of(UniformArrays.uniform(rng, n * c * 25), n, c, 5, 5);
        Tensor w = Tensor.of(UniformArrays.uniform(rng, c * 25), c, 1, 5, 5);
        float[] bias = UniformArrays.uniform(rng, c);
        Conv2dGeometry g = Conv2dGeometry.of(x.shape(), w.shape(), new int[] {1, 1}, new int[] {0, 0},
                new int[] {1, 1}, c);
        float[] expected = new float[n * c];
        DepthwiseConv2d.forwardScalar(g, x.data(), w.data(), expected);
        for (int p = 0; p < n * c; p++) {
            FusedConv2dOp.epilogue(expected, p, 1, p % c, bias, Activation.IDENTITY, null);
        }
        float[] y = FusedConv2dOp.forward(g, x, w, bias, Activation.IDENTITY, null, null).data();
        assertArrayEquals(expected, y);
    }

    /** forwardInto must overwrite every element of a kept buffer: one holding NaN gives the fresh result. */
    @Test
    void keptOutputBufferIsOverwrittenWhole() {
        Rng rng = new Rng(14);
        int c = 6;
        Tensor x = Tensor.of(UniformArrays.uniform(rng, c * 9 * 9), 1, c, 9, 9);
        float[] bias = UniformArrays.uniform(rng, 8);
        float[] slopes = UniformArrays.uniform(rng, 8);
        Object[][] convs = {
            {Tensor.of(UniformArrays.uniform(rng, 8 * c), 8, c, 1, 1), 1, 1, 0},
            {Tensor.of(UniformArrays.uniform(rng, c * 9), c, 1, 3, 3), c, 2, 1},
            {Tensor.of(UniformArrays.uniform(rng, 8 * c * 9), 8, c, 3, 3), 1, 2, 1},
            {Tensor.of(UniformArrays.uniform(rng, c * 81), c, 1, 9, 9), c, 1, 0}};
        for (Object[] conv : convs) {
            Tensor w = (Tensor) conv[0];
            int groups = (int) conv[1];
            int stride = (int) conv[2];
            int pad = (int) conv[3];
            Conv2dGeometry g = Conv2dGeometry.of(x.shape(), w.shape(), new int[] {stride, stride},
                    new int[] {pad, pad}, new int[] {1, 1}, groups);
            float[] b = Arrays.copyOf(bias, g.o());
            float[] a = Arrays.copyOf(slopes, g.o());
            float[] fresh = FusedConv2dOp.forward(g, x, w, b, Activation.PRELU, a, null).data();
            float[] kept = new float[fresh.length];
            Arrays.fill(kept, Float.NaN);
            FusedConv2dOp.forwardInto(g, x, w, b, Activation.PRELU, a, null, kept);
            assertArrayEquals(fresh, kept, "geometry " + g);
            assertFalse(Float.isNaN(kept[kept.length - 1]));
        }
    }
}
