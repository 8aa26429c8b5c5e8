package vigil.tensor.testing;

import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;

/**
 * Input tensors that several op tests build the same way, kept in one place so that a test's
 * expected numbers and the input they were computed from cannot drift apart between files.
 */
public final class TestInputs {
    private TestInputs() {
    }

    /**
     * x[i] = (7 i mod 11) - 5 in row-major order: small integers in a non-monotone order, so window
     * sums are exact in float32. The PyTorch numbers pasted into the pooling, bilinear and pool-layer
     * tests were computed on this input.
     */
    public static Tensor pattern(int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (7 * i) % 11 - 5;
        }
        return t;
    }

    /**
     * Overwrites t's values with a shuffled ladder of values 0.05 apart (centred on 0) and returns
     * t. No two elements are within 1e-2 of each other, so a finite-difference probe never changes
     * which element is a max: the max-pool and max-reduction derivatives are defined at every
     * probe. Draws one shuffle from rng, after whatever drew t's old values.
     */
    public static Tensor shuffledLadder(Rng rng, Tensor t) {
        float[] d = t.data();
        int[] order = new int[d.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        rng.shuffle(order);
        for (int i = 0; i < d.length; i++) {
            d[i] = (order[i] - d.length / 2) * 0.05f;
        }
        return t;
    }

    /** {a, b}: a (H, W) pair of kernel, stride or padding sizes. */
    public static int[] pair(int a, int b) {
        return new int[] {a, b};
    }
}
