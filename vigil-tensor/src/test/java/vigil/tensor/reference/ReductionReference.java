package vigil.tensor.reference;

import vigil.tensor.gradcheck.DoubleReference;

/**
 * Double-precision reductions of a row-major tensor: over everything, or along one dimension, where
 * output element (o, i) reduces the line x[o, 0..size-1, i] of [outer, size, inner]. keepDim only
 * changes the output's shape, never its row-major values, so it is not a parameter here.
 */
final class ReductionReference {
    private ReductionReference() {
    }

    /** Inputs {x}; output one value. */
    static DoubleReference sumAll() {
        return in -> {
            double s = 0;
            for (double v : in[0]) {
                s += v;
            }
            return new double[][] {{s}};
        };
    }

    /** Inputs {x} of the given shape; output the shape without dim. */
    static DoubleReference sum(int[] shape, int dim) {
        return alongDim(shape, dim, Kind.SUM);
    }

    static DoubleReference mean(int[] shape, int dim) {
        return alongDim(shape, dim, Kind.MEAN);
    }

    static DoubleReference max(int[] shape, int dim) {
        return alongDim(shape, dim, Kind.MAX);
    }

    private enum Kind { SUM, MEAN, MAX }

    private static DoubleReference alongDim(int[] shape, int dim, Kind kind) {
        int d = dim < 0 ? dim + shape.length : dim;
        int outer = product(shape, 0, d);
        int size = shape[d];
        int inner = product(shape, d + 1, shape.length);
        return in -> {
            double[] x = in[0];
            double[] y = new double[outer * inner];
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    double acc = kind == Kind.MAX ? Double.NEGATIVE_INFINITY : 0;
                    for (int k = 0; k < size; k++) {
                        double v = x[(o * size + k) * inner + i];
                        acc = kind == Kind.MAX ? Math.max(acc, v) : acc + v;
                    }
                    y[o * inner + i] = kind == Kind.MEAN ? acc / size : acc;
                }
            }
            return new double[][] {y};
        };
    }

    private static int product(int[] shape, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            p *= shape[i];
        }
        return p;
    }
}
