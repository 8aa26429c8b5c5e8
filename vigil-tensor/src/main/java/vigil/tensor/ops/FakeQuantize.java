package vigil.tensor.ops;

import vigil.tensor.DType;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;

/**
 * Quantize-dequantize in float, as torch.fake_quantize_per_tensor_affine and
 * torch.fake_quantize_per_channel_affine (PyTorch 1.13 CPU kernels, reproduced bit for bit):
 * <pre>
 *   q = (long) (zero_point + nearbyint(x * (1f / scale)))      all in float32
 *   y = (clamp(q, quant_min, quant_max) - zero_point) * scale
 * </pre>
 * nearbyint rounds half to even (Math.rint). PyTorch multiplies by the float reciprocal rather than
 * dividing by the scale, which decides some ties; so does this. The gradient is straight-through
 * where the unclamped q lies in [quant_min, quant_max] and 0 elsewhere; scale and zero point take no
 * gradient.
 */
public final class FakeQuantize {
    private FakeQuantize() {
    }

    /** x: any shape -> y: x's shape. */
    public static Tensor perTensor(Tensor x, float scale, int zeroPoint, int quantMin, int quantMax) {
        String op = "fake_quantize_per_tensor_affine";
        checkRange(op, scale, zeroPoint, quantMin, quantMax);
        float[] in = x.data();
        float[] y = new float[in.length];
        boolean[] pass = new boolean[in.length];
        float inv = 1.0f / scale;
        for (int i = 0; i < in.length; i++) {
            long q = quantize(in[i], inv, zeroPoint);
            y[i] = dequantize(q, scale, zeroPoint, quantMin, quantMax);
            pass[i] = q >= quantMin && q <= quantMax;
        }
        return record(op, x, y, pass);
    }

    /**
     * x: [..., C (at axis), ...]; scale: float [C]; zeroPoint: int64 (or int32) [C] -> y: x's shape.
     */
    public static Tensor perChannel(Tensor x, Tensor scale, Tensor zeroPoint, int axis, int quantMin, int quantMax) {
        String op = "fake_quantize_per_channel_affine";
        int[] shape = x.shape();
        int ax = Shape.dim(axis, shape.length);
        int channels = shape[ax];
        if (scale.rank() != 1 || scale.numel() != channels || zeroPoint.rank() != 1 || zeroPoint.numel() != channels) {
            throw new ShapeException(op + ": x " + Shape.str(shape) + " has " + channels + " channels on axis " + ax
                    + " but scale is " + Shape.str(scale.shape()) + " and zero_point " + Shape.str(zeroPoint.shape()));
        }
        float[] s = scale.data();
        long[] zp = zeroPoints(op, zeroPoint);
        float[] inv = new float[channels];
        for (int c = 0; c < channels; c++) {
            checkRange(op + " channel " + c, s[c], zp[c], quantMin, quantMax);
            inv[c] = 1.0f / s[c];
        }
        int inner = 1;
        for (int d = ax + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        float[] in = x.data();
        float[] y = new float[in.length];
        boolean[] pass = new boolean[in.length];
        for (int i = 0; i < in.length; i++) {
            int c = (i / inner) % channels;
            long q = quantize(in[i], inv[c], zp[c]);
            y[i] = dequantize(q, s[c], zp[c], quantMin, quantMax);
            pass[i] = q >= quantMin && q <= quantMax;
        }
        return record(op, x, y, pass);
    }

    /** zero_point + nearbyint(x * inv), summed in float as the C++ kernel's int64 + float does. */
    private static long quantize(float v, float inv, long zeroPoint) {
        float rounded = (float) Math.rint(v * inv);
        return (long) ((float) zeroPoint + rounded);
    }

    private static float dequantize(long q, float scale, long zeroPoint, int quantMin, int quantMax) {
        long clamped = Math.min(Math.max(q, quantMin), quantMax);
        return (float) (clamped - zeroPoint) * scale;
    }

    private static Tensor record(String op, Tensor x, float[] y, boolean[] pass) {
        return Autograd.record(op, Tensor.of(y, x.shape()), g -> {
            float[] gx = new float[g.length];
            for (int i = 0; i < g.length; i++) {
                gx[i] = pass[i] ? g[i] : 0f;
            }
            x.accumulateGrad(gx);
        }, x);
    }

    private static long[] zeroPoints(String op, Tensor zeroPoint) {
        if (zeroPoint.dtype() == DType.INT64) {
            return zeroPoint.longs();
        }
        if (zeroPoint.dtype() == DType.INT32) {
            int[] z = zeroPoint.ints();
            long[] out = new long[z.length];
            for (int i = 0; i < z.length; i++) {
                out[i] = z[i];
            }
            return out;
        }
        throw new ShapeException(op + ": zero_point must be int64 or int32, got " + zeroPoint.dtype());
    }

    private static void checkRange(String op, float scale, long zeroPoint, int quantMin, int quantMax) {
        if (quantMin > quantMax) {
            throw new IllegalArgumentException(op + ": quant_min " + quantMin + " > quant_max " + quantMax);
        }
        if (zeroPoint < quantMin || zeroPoint > quantMax) {
            throw new IllegalArgumentException(op + ": zero_point " + zeroPoint + " outside [" + quantMin + ", "
                    + quantMax + "]");
        }
        if (!(scale > 0) || Float.isInfinite(scale)) {
            throw new IllegalArgumentException(op + ": scale must be positive and finite, got " + scale);
        }
    }
}
