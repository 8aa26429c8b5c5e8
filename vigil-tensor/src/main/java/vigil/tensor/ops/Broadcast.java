package vigil.tensor.ops;

import java.util.Arrays;
import vigil.tensor.Shape;

/** Expanding an array to a broadcast shape, and its adjoint: summing a gradient back to a shape. */
public final class Broadcast {
    private Broadcast() {
    }

    /** Repeats src (shape srcShape, row-major) to outShape, which srcShape broadcasts to. */
    public static float[] expand(float[] src, int[] srcShape, int[] outShape) {
        if (Arrays.equals(srcShape, outShape)) {
            return src;
        }
        int[] strides = alignedStrides(srcShape, outShape);
        float[] out = new float[Shape.numel(outShape)];
        int[] idx = new int[outShape.length];
        for (int i = 0; i < out.length; i++) {
            int o = 0;
            for (int d = 0; d < idx.length; d++) {
                o += idx[d] * strides[d];
            }
            out[i] = src[o];
            vigil.tensor.StridedCopy.increment(idx, outShape);
        }
        return out;
    }

    /** Sums g (shape outShape) over the broadcast dimensions so it has targetShape. */
    public static float[] reduceTo(float[] g, int[] outShape, int[] targetShape) {
        if (Arrays.equals(outShape, targetShape)) {
            return g;
        }
        int[] strides = alignedStrides(targetShape, outShape);
        float[] out = new float[Shape.numel(targetShape)];
        int[] idx = new int[outShape.length];
        for (float v : g) {
            int o = 0;
            for (int d = 0; d < idx.length; d++) {
                o += idx[d] * strides[d];
            }
            out[o] += v;
            vigil.tensor.StridedCopy.increment(idx, outShape);
        }
        return out;
    }

    /** Strides of src laid against outShape's dims: 0 where src is broadcast (missing or size 1). */
    private static int[] alignedStrides(int[] srcShape, int[] outShape) {
        int[] own = Shape.contiguousStrides(srcShape);
        int[] strides = new int[outShape.length];
        int lead = outShape.length - srcShape.length;
        for (int d = 0; d < outShape.length; d++) {
            int s = d - lead;
            strides[d] = s < 0 || srcShape[s] == 1 ? 0 : own[s];
        }
        return strides;
    }
}
