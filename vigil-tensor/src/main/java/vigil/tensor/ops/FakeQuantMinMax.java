package vigil.tensor.ops;

import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;

/**
 * TensorFlow's FakeQuantWithMinMaxVars and FakeQuantWithMinMaxVarsPerChannel (tensorflow/core/kernels/
 * fake_quant_ops_functor.h), the range given as a real [min, max] instead of a scale and zero point.
 *
 * <p>The range is first nudged so that real 0 falls exactly on a code (all in float32, as TF's Nudge):
 * <pre>
 *   quant_min = narrow_range ? 1 : 0,  quant_max = 2^num_bits - 1
 *   scale = (max - min) / (quant_max - quant_min)
 *   zero_point_from_min = quant_min - min / scale
 *   nudged_zp = quant_min if zero_point_from_min < quant_min, quant_max if > quant_max,
 *               else round(zero_point_from_min)                       (std::round: half away from zero)
 *   nudged_min = (quant_min - nudged_zp) * scale,  nudged_max = (quant_max - nudged_zp) * scale
 *   y = floor((clamp(x, nudged_min, nudged_max) - nudged_min) / scale + 0.5) * scale + nudged_min
 * </pre>
 * (TF multiplies by the float reciprocal of the scale; so does this.) A range [0, 0] gives y = 0,
 * as TF's special case does. The gradient (FakeQuantWithMinMaxVarsGradient) is the straight-through
 * estimator: d x = d y where nudged_min <= x <= nudged_max, else 0; d min = the sum of d y where
 * x < nudged_min; d max = the sum of d y where x > nudged_max (per channel for the per-channel op).
 *
 * <p>Unlike TF, a range that is not finite or has min > max is an error rather than undefined output.
 */
public final class FakeQuantMinMax {
    private FakeQuantMinMax() {
    }

    /**
     * A nudged range: real 0 is the code zeroPoint exactly; codes run over [quantMin, quantMax].
     * scale is 0 only for the range [0, 0]; inverseScale is TF's float reciprocal 1/scale (0 when scale is
     * 0), kept here so the per-element forward multiplies instead of dividing once per element.
     */
    public record Nudged(float min, float max, float scale, float inverseScale, int zeroPoint, int quantMin,
                         int quantMax) {
    }

    /** TF's Nudge of [min, max] for num_bits in [2, 16]; throws for a non-finite or inverted range. */
    public static Nudged nudge(float min, float max, int numBits, boolean narrowRange) {
        return nudge("fake_quant_with_min_max_vars", min, max, numBits, narrowRange);
    }

    private static Nudged nudge(String where, float min, float max, int numBits, boolean narrowRange) {
        if (numBits < 2 || numBits > 16) {
            throw new IllegalArgumentException(where + ": num_bits must be in [2, 16], got " + numBits);
        }
        if (!Float.isFinite(min) || !Float.isFinite(max)) {
            throw new IllegalArgumentException(where + ": range [" + min + ", " + max + "] is not finite");
        }
        if (min > max) {
            throw new IllegalArgumentException(where + ": min " + min + " > max " + max);
        }
        int quantMin = narrowRange ? 1 : 0;
        int quantMax = (1 << numBits) - 1;
        if (min == 0f && max == 0f) {
            return new Nudged(0f, 0f, 0f, 0f, quantMin, quantMin, quantMax);
        }
        if (min == max) {
            throw new IllegalArgumentException(where + ": empty range [" + min + ", " + max
                    + "] (only [0, 0] may be empty)");
        }
        float qmin = quantMin;
        float qmax = quantMax;
        float scale = (max - min) / (qmax - qmin);
        float zeroPointFromMin = qmin - min / scale;
        int zeroPoint;
        if (zeroPointFromMin < qmin) {
            zeroPoint = quantMin;
        } else if (zeroPointFromMin > qmax) {
            zeroPoint = quantMax;
        } else {
            zeroPoint = Math.round(zeroPointFromMin); // non-negative here, so half up == half away from zero
        }
        return new Nudged((qmin - zeroPoint) * scale, (qmax - zeroPoint) * scale, scale, 1.0f / scale, zeroPoint,
                quantMin, quantMax);
    }

    /** One element of the forward: x quantized on the nudged grid, back in reals. */
    public static float apply(float x, Nudged r) {
        if (r.scale() == 0f) {
            return 0f;
        }
        float clamped = Math.max(Math.min(x, r.max()), r.min());
        return (float) Math.floor((clamped - r.min()) * r.inverseScale() + 0.5f) * r.scale() + r.min();
    }

    /** x: any shape; min, max: one element each -> y: x's shape. Gradients reach x, min and max. */
    public static Tensor perTensor(Tensor x, Tensor min, Tensor max, int numBits, boolean narrowRange) {
        String op = "fake_quant_with_min_max_vars";
        if (min.numel() != 1 || max.numel() != 1) {
            throw new ShapeException(op + ": min and max must hold one value each, got " + Shape.str(min.shape())
                    + " and " + Shape.str(max.shape()));
        }
        return run(op, x, min, max, 1, 1, numBits, narrowRange);
    }

    /** As {@link #perTensor(Tensor, Tensor, Tensor, int, boolean)} with a constant range (no range gradient). */
    public static Tensor perTensor(Tensor x, float min, float max, int numBits, boolean narrowRange) {
        return perTensor(x, Tensor.of(new float[] {min}, 1), Tensor.of(new float[] {max}, 1), numBits, narrowRange);
    }

    /**
     * x: [..., C (at axis), ...]; min, max: [C] -> y: x's shape. TF's op fixes the axis to the last one;
     * any axis is allowed here (axis 0 for conv weights [O, I, kh, kw]).
     */
    public static Tensor perChannel(Tensor x, Tensor min, Tensor max, int axis, int numBits, boolean narrowRange) {
        String op = "fake_quant_with_min_max_vars_per_channel";
        int[] shape = x.shape();
        int ax = Shape.dim(axis, shape.length);
        int channels = shape[ax];
        if (min.rank() != 1 || min.numel() != channels || max.rank() != 1 || max.numel() != channels) {
            throw new ShapeException(op + ": x " + Shape.str(shape) + " has " + channels + " channels on axis " + ax
                    + " but min is " + Shape.str(min.shape()) + " and max " + Shape.str(max.shape()));
        }
        int inner = 1;
        for (int d = ax + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        return run(op, x, min, max, channels, inner, numBits, narrowRange);
    }

    // Element i belongs to channel (i / inner) % channels; one channel with inner 1 is the per-tensor case.
    private static Tensor run(String op, Tensor x, Tensor min, Tensor max, int channels, int inner, int numBits,
                              boolean narrowRange) {
        float[] lo = min.data();
        float[] hi = max.data();
        Nudged[] ranges = new Nudged[channels];
        for (int c = 0; c < channels; c++) {
            ranges[c] = nudge(channels == 1 ? op : op + " channel " + c, lo[c], hi[c], numBits, narrowRange);
        }
        float[] in = x.data();
        float[] y = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            y[i] = apply(in[i], ranges[channels == 1 ? 0 : (i / inner) % channels]);
        }
        Tensor out = Tensor.of(y, x.shape());
        return Autograd.record(op, out, g -> {
            float[] gx = new float[g.length];
            double[] below = new double[channels];
            double[] above = new double[channels];
            for (int i = 0; i < g.length; i++) {
                int c = channels == 1 ? 0 : (i / inner) % channels;
                Nudged r = ranges[c];
                if (in[i] < r.min()) {
                    below[c] += g[i];
                } else if (in[i] > r.max()) {
                    above[c] += g[i];
                } else {
                    gx[i] = g[i];
                }
            }
            Autograd.accumulate(x, gx);
            Autograd.accumulate(min, toFloat(below));
            Autograd.accumulate(max, toFloat(above));
        }, x, min, max);
    }

    private static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) v[i];
        }
        return out;
    }
}
