package vigil.tensor.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;

/**
 * clipByNorm against torch.nn.utils.clip_grad_norm_ (1.13, /usr/bin/python3) on grads
 * a = [[0.5, -1.25, 2], [0.75, -0.4, 3]], b = [0.1, -0.2, 0.3, 1.7] and a third parameter without a
 * gradient; values printed with 9 significant digits. Tolerance 1e-7 absolute on
 * gradients (an ulp or so) and 1e-6 on the norm.
 */
class GradClipTest {

    private static List<Tensor> params() {
        Tensor a = Tensor.zeros(2, 3).requiresGrad(true);
        a.accumulateGrad(new float[] {0.5f, -1.25f, 2.0f, 0.75f, -0.4f, 3.0f});
        Tensor b = Tensor.zeros(4).requiresGrad(true);
        b.accumulateGrad(new float[] {0.1f, -0.2f, 0.3f, 1.7f});
        return List.of(a, b, Tensor.zeros(2).requiresGrad(true));
    }

    @Test
    void clipsToMaxNormAndReturnsTheNormBeforeAsTorch() {
        List<Tensor> ps = params();
        double total = GradClip.clipByNorm(ps, 1.5);
        assertEquals(4.30871201, total, 1e-6);
        assertArrayEquals(new float[] {0.174065903f, -0.43516475f, 0.696263611f, 0.261098862f, -0.139252722f,
            1.04439545f}, ps.get(0).grad().data(), 1e-7f);
        assertArrayEquals(new float[] {0.0348131806f, -0.0696263611f, 0.104439549f, 0.591824114f},
                ps.get(1).grad().data(), 1e-7f);
        assertNull(ps.get(2).grad(), "a parameter without gradient stays without");
    }

    @Test
    void leavesGradientsAloneBelowMaxNorm() {
        List<Tensor> ps = params();
        double total = GradClip.clipByNorm(ps, 10.0);
        assertEquals(4.30871201, total, 1e-6);
        assertArrayEquals(new float[] {0.5f, -1.25f, 2f, 0.75f, -0.4f, 3f}, ps.get(0).grad().data(), 0f);
        assertArrayEquals(new float[] {0.1f, -0.2f, 0.3f, 1.7f}, ps.get(1).grad().data(), 0f);
    }
}
