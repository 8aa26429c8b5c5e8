package vigil.tensor;

/** Walks a strided view in logical row-major order. */
public final class StridedCopy {
    private StridedCopy() {
    }

    /** Copies a strided float view into a dense array in logical order. */
    public static void gather(float[] src, int offset, int[] shape, int[] strides, float[] dst) {
        int rank = shape.length;
        if (rank == 0) {
            dst[0] = src[offset];
            return;
        }
        int last = rank - 1;
        int inner = shape[last];
        int innerStride = strides[last];
        int[] idx = new int[rank];
        int outer = dst.length / Math.max(inner, 1);
        int p = 0;
        for (int o = 0; o < outer; o++) {
            int base = offsetOf(idx, strides, offset);
            for (int j = 0; j < inner; j++) {
                dst[p++] = src[base + j * innerStride];
            }
            idx[last] = inner - 1;
            increment(idx, shape);
        }
    }

    /** Adds a dense logical-order array into a strided float view (the adjoint of gather). */
    public static void scatterAdd(float[] src, float[] dst, int offset, int[] shape, int[] strides) {
        int[] idx = new int[shape.length];
        for (float v : src) {
            dst[offsetOf(idx, strides, offset)] += v;
            increment(idx, shape);
        }
    }

    public static int offsetOf(int[] idx, int[] strides, int offset) {
        int o = offset;
        for (int i = 0; i < idx.length; i++) {
            o += idx[i] * strides[i];
        }
        return o;
    }

    /** Advances a row-major multi-index by one; wraps to all zeros after the last element. */
    public static void increment(int[] idx, int[] shape) {
        for (int i = idx.length - 1; i >= 0; i--) {
            if (++idx[i] < shape[i]) {
                return;
            }
            idx[i] = 0;
        }
    }
}
