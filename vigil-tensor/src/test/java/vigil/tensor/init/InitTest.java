package vigil.tensor.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;

class InitTest {

    @Test
    void sameSeedGivesSameNumbersOnAnyThread() throws Exception {
        float[] here = Init.kaimingUniform(Tensor.zeros(16, 8, 3, 3), Math.sqrt(5), new Rng(3)).data();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<float[]> there = pool.submit(() -> Init.kaimingUniform(Tensor.zeros(16, 8, 3, 3), Math.sqrt(5),
                    new Rng(3)).data());
            assertArrayEquals(here, there.get());
        } finally {
            pool.shutdown();
        }
        float[] other = Init.kaimingUniform(Tensor.zeros(16, 8, 3, 3), Math.sqrt(5), new Rng(4)).data();
        assertFalse(Arrays.equals(here, other));
    }

    @Test
    void forkedStreamsAreIndependentOfDrawOrder() {
        Rng a = new Rng(9);
        Rng b = new Rng(9);
        Rng a1 = a.fork(1);
        Rng a2 = a.fork(2);
        Rng b2 = b.fork(2);
        Rng b1 = b.fork(1);
        assertEquals(a1.nextLong(), b1.nextLong());
        assertEquals(a2.nextLong(), b2.nextLong());
    }

    @Test
    void kaimingUniformBoundMatchesPyTorchDefault() {
        // PyTorch's Conv2d default (a = sqrt(5)) is U(-1/sqrt(fan_in), 1/sqrt(fan_in)); fan_in = 8*3*3 = 72.
        float[] w = Init.kaimingUniform(Tensor.zeros(64, 8, 3, 3), Math.sqrt(5), new Rng(1)).data();
        double bound = 1 / Math.sqrt(72);
        double max = 0;
        for (float v : w) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= bound && max > 0.95 * bound, "max |w| " + max + " vs bound " + bound);
    }

    @Test
    void xavierNormalHasTheRightSpread() {
        float[] w = Init.xavierNormal(Tensor.zeros(200, 300), 1f, new Rng(2)).data();
        double sq = 0;
        for (float v : w) {
            sq += v * v;
        }
        double std = Math.sqrt(sq / w.length);
        double expected = Math.sqrt(2.0 / 500);
        // 60,000 draws: the sample std is within ~0.3% of the true one (1 sigma); allow 2%.
        assertEquals(expected, std, 0.02 * expected);
    }

    @Test
    void orthogonalRowsAreOrthonormalForWideAndColumnsForTall() {
        float[] wide = Init.orthogonal(Tensor.zeros(4, 9), 1f, new Rng(5)).data();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double dot = 0;
                for (int k = 0; k < 9; k++) {
                    dot += wide[i * 9 + k] * wide[j * 9 + k];
                }
                assertEquals(i == j ? 1 : 0, dot, 1e-5);
            }
        }
        float[] tall = Init.orthogonal(Tensor.zeros(9, 4), 2f, new Rng(6)).data();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double dot = 0;
                for (int k = 0; k < 9; k++) {
                    dot += tall[k * 4 + i] * tall[k * 4 + j];
                }
                assertEquals(i == j ? 4 : 0, dot, 1e-4);
            }
        }
    }

    @Test
    void nextIntIsUniform() {
        Rng r = new Rng(8);
        int[] counts = new int[6];
        for (int i = 0; i < 60000; i++) {
            counts[r.nextInt(6)]++;
        }
        // Each count ~ Binomial(60000, 1/6): sd ~ 91; allow 5 sd.
        for (int c : counts) {
            assertEquals(10000, c, 460);
        }
    }
}
