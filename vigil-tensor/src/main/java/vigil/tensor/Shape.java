package vigil.tensor;

import java.util.Arrays;

/** Static helpers for shapes (int[] dims, row-major). */
public final class Shape {
    private Shape() {
    }

    public static int numel(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new ShapeException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new ShapeException("shape " + Arrays.toString(shape) + " has more than 2^31-1 elements");
            }
        }
        return (int) n;
    }

    /** Row-major (contiguous) strides for a shape. */
    public static int[] contiguousStrides(int[] shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= shape[i];
        }
        return strides;
    }

    /** Normalises a possibly negative dimension index against a rank, as PyTorch does. */
    public static int dim(int dim, int rank) {
        int d = dim < 0 ? dim + rank : dim;
        if (d < 0 || d >= Math.max(rank, 1)) {
            throw new ShapeException("dimension " + dim + " out of range for rank " + rank);
        }
        return d;
    }

    /** NumPy/PyTorch broadcasting of two shapes. */
    public static int[] broadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new ShapeException("shapes " + str(a) + " and " + str(b) + " cannot be broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    public static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    public static int[] of(int... dims) {
        return dims.clone();
    }
}
