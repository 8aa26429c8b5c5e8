package vigil.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.Activations;
import vigil.tensor.ops.BatchNormOp;
import vigil.tensor.ops.Conv2dOp;

/** The gradient-buffer pool: what it hands out, what it keeps, and that recycled buffers change no result. */
class BufferPoolTest {
    private static final int LENGTH = 8192;

    // the pool is shared by the whole JVM: earlier tests' backward passes leave buffers in it
    @BeforeEach
    @AfterEach
    void clear() {
        BufferPool.clear();
    }

    @Test
    void aGivenBufferIsHandedOutAgainForItsLength() {
        float[] a = new float[LENGTH];
        BufferPool.give(a);
        assertNotSame(a, BufferPool.take(LENGTH + 1));
        assertSame(a, BufferPool.take(LENGTH));
        assertEquals(0, BufferPool.pooledFloats());
    }

    @Test
    void takeZeroedClearsARecycledBuffer() {
        float[] a = new float[LENGTH];
        java.util.Arrays.fill(a, 7f);
        BufferPool.give(a);
        float[] b = BufferPool.takeZeroed(LENGTH);
        assertSame(a, b);
        assertArrayEquals(new float[LENGTH], b);
    }

    @Test
    void thePoolKeepsNoMoreThanItsCap() {
        int length = (int) (BufferPool.MAX_POOLED_FLOATS / 2);
        BufferPool.give(new float[length]);
        BufferPool.give(new float[length]);
        BufferPool.give(new float[length]);
        assertEquals(2L * length, BufferPool.pooledFloats());
    }

    @Test
    void backwardThroughRecycledBuffersGivesTheSameGradients() {
        float[][] first = convBnPreluGradients();
        // the first backward released its intermediate gradients into the pool; the second runs on them
        assertTrue(BufferPool.pooledFloats() > 0, "the first backward pooled nothing, so nothing is recycled");
        float[][] second = convBnPreluGradients();
        for (int k = 0; k < first.length; k++) {
            assertArrayEquals(first[k], second[k], "gradient " + k + " with recycled buffers");
        }
    }

    // d/dx, d/dweight, d/dgamma, d/dslope of sum(prelu(bn(conv(x))) * probe), fresh tensors each call
    private static float[][] convBnPreluGradients() {
        Rng rng = new Rng(41);
        Tensor x = GradCheck.randomInput(rng, -1f, 1f, 4, 6, 12, 12);
        Tensor w = GradCheck.randomInput(rng, -0.5f, 0.5f, 8, 6, 3, 3);
        Tensor dw = GradCheck.randomInput(rng, -0.5f, 0.5f, 8, 1, 3, 3);
        Tensor gamma = GradCheck.randomInput(rng, 0.5f, 1.5f, 8);
        Tensor beta = GradCheck.randomInput(rng, -0.5f, 0.5f, 8);
        Tensor slope = GradCheck.randomInput(rng, 0.1f, 0.3f, 8);
        Tensor probe = GradCheck.randomInput(rng, -1f, 1f, 4, 8, 12, 12).requiresGrad(false);
        int[] one = {1, 1};
        Tensor h = Conv2dOp.conv2d(x, w, null, one, one, one, 1);
        h = Activations.prelu(BatchNormOp.batchNorm(h, gamma, beta, null, null, true, 0.1, 1e-5), slope);
        h = Conv2dOp.conv2d(h, dw, null, one, one, one, 8);
        h.mul(probe).sum().backward();
        return new float[][] {x.gradArray().clone(), w.gradArray().clone(), dw.gradArray().clone(),
            gamma.gradArray().clone(), slope.gradArray().clone()};
    }
}
