package vigil.tensor.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;
import vigil.tensor.parallel.Parallel;

/** conv2d's output and every gradient are bit-identical on 1, 2 and 4 threads, for each kernel path. */
class Conv2dThreadCountTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restore() {
        Parallel.setThreads(savedThreads);
    }

    /** y, dx, dweight, dbias of one forward/backward with fixed operands, on the given thread count. */
    private static float[][] run(int threads, int[] xShape, int o, int k, int stride, int pad, int groups) {
        Parallel.setThreads(threads);
        Rng rng = new Rng(21);
        Tensor x = GradCheck.randomInput(rng, -1f, 1f, xShape);
        Tensor w = GradCheck.randomInput(rng, -1f, 1f, o, xShape[1] / groups, k, k);
        Tensor b = GradCheck.randomInput(rng, -1f, 1f, o);
        Tensor y = Conv2dOp.conv2d(x, w, b, new int[] {stride, stride}, new int[] {pad, pad}, new int[] {1, 1}, groups);
        Tensor seed = GradCheck.randomInput(rng, -1f, 1f, y.shape());
        y.backward(seed);
        return new float[][] {y.data(), x.grad().data(), w.grad().data(), b.grad().data()};
    }

    private static void assertSameOnOneTwoAndFourThreads(int[] xShape, int o, int k, int stride, int pad, int groups) {
        float[][] one = run(1, xShape, o, k, stride, pad, groups);
        String[] names = {"y", "dx", "dweight", "dbias"};
        for (int threads : new int[] {2, 4}) {
            float[][] many = run(threads, xShape, o, k, stride, pad, groups);
            for (int i = 0; i < names.length; i++) {
                assertArrayEquals(one[i], many[i], names[i] + " on 1 vs " + threads + " threads");
            }
        }
    }

    @Test
    void unfoldedConvolutionIsThreadCountInvariant() {
        assertSameOnOneTwoAndFourThreads(new int[] {5, 6, 13, 11}, 20, 3, 1, 1, 1);
    }

    @Test
    void stridedGroupedConvolutionIsThreadCountInvariant() {
        assertSameOnOneTwoAndFourThreads(new int[] {3, 8, 12, 12}, 12, 3, 2, 1, 2);
    }

    @Test
    void pointwiseConvolutionIsThreadCountInvariant() {
        assertSameOnOneTwoAndFourThreads(new int[] {5, 40, 7, 9}, 24, 1, 1, 0, 1);
    }

    @Test
    void depthwiseConvolutionIsThreadCountInvariant() {
        assertSameOnOneTwoAndFourThreads(new int[] {5, 7, 10, 10}, 14, 3, 1, 1, 7);
        assertSameOnOneTwoAndFourThreads(new int[] {3, 6, 11, 11}, 6, 5, 2, 2, 6);
    }
}
