package vigil.quant.qat;

import vigil.tensor.Tensor;
import vigil.tensor.ops.FakeQuantMinMax;

/**
 * Weight fake quantization, symmetric per output channel, 8 bits narrow range (codes 1..255, zero point 128,
 * i.e. int8 [-127, 127] with zero point 0): channel o's range is [-a_o, a_o] with a_o = max |w[o, ...]|,
 * taken from the weights' current values on every call (so scale_o = a_o / 127). The range is a constant
 * of the step, so the gradient to w is the straight-through estimator alone (everything lies inside its
 * own range). An all-zero channel has range [0, 0] and stays 0. w: [O, ...] -> w's shape.
 */
public final class WeightFakeQuant {
    public static final int NUM_BITS = 8;

    private WeightFakeQuant() {
    }

    public static Tensor perChannelSymmetric(Tensor w) {
        float[] a = maxAbsPerChannel(w);
        float[] lo = new float[a.length];
        for (int o = 0; o < a.length; o++) {
            lo[o] = -a[o];
        }
        return FakeQuantMinMax.perChannel(w, Tensor.of(lo, lo.length), Tensor.of(a, a.length), 0, NUM_BITS, true);
    }

    /** w: [O, ...] -> [O]: max |w| over each output channel. */
    public static float[] maxAbsPerChannel(Tensor w) {
        int out = w.dim(0);
        float[] d = w.data();
        int per = d.length / out;
        float[] a = new float[out];
        for (int o = 0; o < out; o++) {
            float m = 0f;
            for (int i = o * per; i < (o + 1) * per; i++) {
                m = Math.max(m, Math.abs(d[i]));
            }
            a[o] = m;
        }
        return a;
    }
}
