package vigil.tensor.ops;

import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.init.Rng;

/**
 * Inverted dropout: in training each element is kept with probability 1 - p and scaled by
 * 1 / (1 - p), so the expected value is unchanged and evaluation needs no rescaling; in
 * evaluation (or with p = 0) the input passes through untouched and no random number is drawn.
 */
public final class Dropout {
    private Dropout() {
    }

    /**
     * x: any shape -> y: the same shape. The mask is drawn in x's logical order, one
     * {@link Rng#nextFloat()} per element (kept when it is >= p), so the same seed gives the same mask.
     * p = 1 drops everything (y = 0), as PyTorch does.
     */
    public static Tensor dropout(Tensor x, float p, boolean training, Rng rng) {
        if (!(p >= 0f && p <= 1f)) {
            throw new IllegalArgumentException("dropout: probability " + p + " is not in [0, 1]");
        }
        if (!training || p == 0f) {
            return x;
        }
        float keepScale = p == 1f ? 0f : (float) (1.0 / (1.0 - p));
        float[] in = x.data();
        float[] mask = new float[in.length];
        float[] y = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            mask[i] = rng.nextFloat() >= p ? keepScale : 0f;
            y[i] = in[i] * mask[i];
        }
        return Autograd.record("dropout", Tensor.of(y, x.shape()), g -> {
            float[] gx = new float[g.length];
            for (int i = 0; i < g.length; i++) {
                gx[i] = g[i] * mask[i];
            }
            x.accumulateGrad(gx);
        }, x);
    }
}
