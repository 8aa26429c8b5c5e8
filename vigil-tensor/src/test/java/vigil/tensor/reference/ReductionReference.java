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
        AxisLines ax = AxisLines.of(shape, dim);
        return in -> {
            double[] x = in[0];
            double[] y = new double[ax.outer() * ax.inner()];
            for (int o = 0; o < ax.outer(); o++) {
                for (int i = 0; i < ax.inner(); i++) {
                    double acc = kind == Kind.MAX ? Double.NEGATIVE_INFINITY : 0;
                    for (int k = 0; k < ax.size(); k++) {
                        double v = x[ax.at(o, k, i)];
                        acc = kind == Kind.MAX ? Math.max(acc, v) : acc + v;
                    }
                    y[o * ax.inner() + i] = kind == Kind.MEAN ? acc / ax.size() : acc;
                }
            }
            return new double[][] {y};
        };
    }
}
