package vigil.tensor.ops;

import vigil.tensor.BufferPool;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;

/**
 * Pointwise activations. Derivatives at the kinks follow PyTorch: relu passes where x &gt; 0,
 * relu6 where 0 &lt; x &lt; 6, leaky/prelu use the slope where x &lt;= 0. A NaN input stays NaN and
 * passes its gradient, as PyTorch's threshold rules do, so divergence is never hidden.
 */
public final class Activations {
    private Activations() {
    }

    public static Tensor relu(Tensor a) {
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i] <= 0f ? 0f : x[i]; // NaN passes through, as in PyTorch
        }
        return Autograd.record("relu", Tensor.of(y, a.shape()), g -> {
            float[] ga = new float[g.length];
            for (int i = 0; i < g.length; i++) {
                ga[i] = x[i] <= 0f ? 0f : g[i];
            }
            a.accumulateGrad(ga);
        }, a);
    }

    public static Tensor relu6(Tensor a) {
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.min(Math.max(x[i], 0f), 6f);
        }
        return Autograd.record("relu6", Tensor.of(y, a.shape()), g -> {
            float[] ga = new float[g.length];
            for (int i = 0; i < g.length; i++) {
                ga[i] = x[i] <= 0f || x[i] >= 6f ? 0f : g[i];
            }
            a.accumulateGrad(ga);
        }, a);
    }

    public static Tensor leakyRelu(Tensor a, float slope) {
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i] > 0f ? x[i] : x[i] * slope;
        }
        return Autograd.record("leaky_relu", Tensor.of(y, a.shape()), g -> {
            float[] ga = new float[g.length];
            for (int i = 0; i < g.length; i++) {
                ga[i] = x[i] > 0f ? g[i] : g[i] * slope;
            }
            a.accumulateGrad(ga);
        }, a);
    }

    /**
     * PReLU with one slope per channel (dim 1) or a single shared slope.
     * x: [N, C, ...] or [N, C]; weight: [C] or [1].
     */
    public static Tensor prelu(Tensor a, Tensor weight) {
        int[] shape = a.shape();
        int channels = shape.length >= 2 ? shape[1] : 1;
        int nw = weight.numel();
        if (nw != 1 && nw != channels) {
            throw new ShapeException("prelu: weight of " + nw + " slopes for input " + java.util.Arrays.toString(shape)
                    + " with " + channels + " channels");
        }
        int spatial = 1;
        for (int d = 2; d < shape.length; d++) {
            spatial *= shape[d];
        }
        final int inner = spatial;
        float[] x = a.data();
        float[] w = weight.data();
        float[] y = BufferPool.take(x.length); // the kernels write every element of y and of ga
        int samples = x.length / Math.max(1, channels * inner);
        PReluKernel.forward(x, w, y, samples, channels, inner);
        return Autograd.record("prelu", Tensor.of(y, shape), g -> {
            float[] ga = a.requiresGrad() ? BufferPool.take(g.length) : null;
            float[] gw = weight.requiresGrad() ? new float[nw] : null;
            // without an input gradient the kernel still writes one: into pooled scratch, handed straight back
            float[] gaOut = ga != null ? ga : BufferPool.take(g.length);
            PReluKernel.backward(x, w, g, gaOut, gw, samples, channels, inner);
            if (ga == null) {
                BufferPool.give(gaOut);
            }
            Autograd.accumulateOwned(a, ga);
            Autograd.accumulateOwned(weight, gw);
        }, a, weight);
    }

    public static Tensor sigmoid(Tensor a) {
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = sigmoid(x[i]);
        }
        return Autograd.record("sigmoid", Tensor.of(y, a.shape()), g -> {
            float[] ga = new float[g.length];
            for (int i = 0; i < g.length; i++) {
                ga[i] = g[i] * y[i] * (1f - y[i]);
            }
            a.accumulateGrad(ga);
        }, a);
    }

    public static Tensor tanh(Tensor a) {
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) Math.tanh(x[i]);
        }
        return Autograd.record("tanh", Tensor.of(y, a.shape()), g -> {
            float[] ga = new float[g.length];
            for (int i = 0; i < g.length; i++) {
                ga[i] = g[i] * (1f - y[i] * y[i]);
            }
            a.accumulateGrad(ga);
        }, a);
    }

    /** x * relu6(x + 3) / 6 (MobileNetV3). */
    public static Tensor hardswish(Tensor a) {
        float[] x = a.data();
        float[] y = new float[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i] * Math.min(Math.max(x[i] + 3f, 0f), 6f) / 6f;
        }
        return Autograd.record("hardswish", Tensor.of(y, a.shape()), g -> {
            float[] ga = new float[g.length];
            for (int i = 0; i < g.length; i++) {
                float v = x[i];
                ga[i] = v < -3f ? 0f : v <= 3f ? g[i] * (v / 3f + 0.5f) : g[i];
            }
            a.accumulateGrad(ga);
        }, a);
    }

    /** Numerically stable logistic function in float. */
    public static float sigmoid(float v) {
        if (v >= 0f) {
            return (float) (1.0 / (1.0 + Math.exp(-v)));
        }
        double e = Math.exp(v);
        return (float) (e / (1.0 + e));
    }
}
