package vigil.tensor.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vigil.tensor.BufferPool;
import vigil.tensor.Tensor;

/** The tape's contract: accumulation, shared uses, no-grad, detach, released intermediates. */
class AutogradTest {

    private static Tensor param(float... v) {
        return Tensor.of(v, v.length).requiresGrad(true);
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
        Tensor x = param(1f, 2f);
        x.mul(3f).sum().backward();
        x.mul(3f).sum().backward();
        assertArrayEquals(new float[] {6f, 6f}, x.grad().data());
        x.zeroGrad();
        assertNull(x.grad());
    }

    @Test
    void aValueUsedTwiceReceivesTheSumOfBothGradients() {
        Tensor x = param(2f);
        // y = x * x + x: dy/dx = 2x + 1 = 5
        x.mul(x).add(x).sum().backward();
        assertEquals(5f, x.grad().item());
    }

    @Test
    void diamondGraphRunsEachRuleOnceAfterAllUses() {
        Tensor x = param(3f);
        Tensor a = x.mul(2f);
        Tensor b = a.exp();
        Tensor c = a.mul(a);
        // L = exp(2x) + 4x^2: dL/dx = 2 exp(2x) + 8x
        b.add(c).sum().backward();
        assertEquals(2 * Math.exp(6) + 24, x.grad().item(), 1e-3);
    }

    @Test
    void noGradRecordsNothing() {
        Tensor x = param(1f);
        Tensor y;
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            y = x.mul(2f);
        }
        assertFalse(y.requiresGrad());
        assertTrue(Autograd.isGradEnabled());
        assertThrows(IllegalStateException.class, y::backward);
    }

    @Test
    void detachCutsTheGraphButSharesValues() {
        Tensor x = param(1f, 2f);
        Tensor d = x.mul(2f).detach();
        assertFalse(d.requiresGrad());
        assertArrayEquals(new float[] {2f, 4f}, d.data());
        x.add(d).sum().backward();
        assertArrayEquals(new float[] {1f, 1f}, x.grad().data());
    }

    @Test
    void intermediateGradientsAreReleasedUnlessRetained() {
        Tensor x = param(1f, 2f);
        Tensor mid = x.mul(2f);
        Tensor kept = x.mul(3f).retainGrad();
        mid.add(kept).sum().backward();
        assertNull(mid.grad());
        assertArrayEquals(new float[] {1f, 1f}, kept.grad().data());
        assertArrayEquals(new float[] {5f, 5f}, x.grad().data());
    }

    @Test
    void anAddHandsItsUpstreamGradientToOneBranchWithoutSharingIt() {
        // 5000 floats: over the pool's minimum, so the gradients are pooled buffers
        int n = 5000;
        float[] xv = new float[n];
        float[] wv = new float[n];
        for (int i = 0; i < n; i++) {
            xv[i] = i % 7 - 3f;
            wv[i] = (i % 5) * 0.5f - 1f;
        }
        float[] times3 = new float[n];
        for (int i = 0; i < n; i++) {
            times3[i] = 3f * wv[i];
        }
        for (boolean retainSum : new boolean[] {false, true}) {
            Tensor x = Tensor.of(xv.clone(), n).requiresGrad(true);
            Tensor branch = x.mul(2f).retainGrad();
            Tensor sum = branch.add(x); // a residual connection: d/dx = 2 + 1
            if (retainSum) {
                sum.retainGrad();
            }
            sum.mul(Tensor.of(wv, n)).sum().backward();
            assertArrayEquals(wv, branch.grad().data(), "the branch's gradient, retainGrad on the sum " + retainSum);
            // the buffer handed to the branch must not also have gone back to the pool (where the next op of
            // this length would overwrite it): none of the pool's buffers of this length is it
            float[] held = branch.grad().data();
            float[][] taken = new float[8][];
            for (int i = 0; i < taken.length; i++) {
                taken[i] = BufferPool.take(n);
                assertNotSame(held, taken[i], "the branch's gradient buffer is also in the pool");
            }
            for (float[] t : taken) {
                BufferPool.give(t);
            }
            assertArrayEquals(times3, x.grad().data(), "both paths into x, retainGrad on the sum " + retainSum);
            if (retainSum) {
                assertArrayEquals(wv, sum.grad().data(), "the retained gradient of the sum");
                assertNotSame(sum.grad().data(), branch.grad().data(), "a retained gradient is copied, not shared");
            }
        }
    }

    @Test
    void explicitSeedScalesTheGradient() {
        Tensor x = param(1f, 2f, 3f);
        x.mul(x).backward(Tensor.of(new float[] {1f, 0f, -1f}, 3));
        assertArrayEquals(new float[] {2f, 0f, -6f}, x.grad().data());
    }

    @Test
    void longChainsDoNotOverflowTheStack() {
        Tensor x = param(1f);
        Tensor y = x;
        for (int i = 0; i < 100_000; i++) {
            y = y.add(0f);
        }
        y.sum().backward();
        assertEquals(1f, x.grad().item());
    }
}
