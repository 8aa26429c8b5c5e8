package vigil.tensor.reference;

import vigil.tensor.gradcheck.DoubleReference;

/**
 * Double-precision softmax and log-softmax along one dimension of a row-major tensor, written from
 * the definitions y_k = exp(x_k) / sum_j exp(x_j) and y_k = x_k - log sum_j exp(x_j) over each line
 * of elements that differ only in that dimension. No max shift: the test inputs are small.
 */
final class SoftmaxReference {
    private SoftmaxReference() {
    }

    /** Inputs {x} of the given shape; output the same shape. */
    static DoubleReference softmax(int[] shape, int dim) {
        return alongDim(shape, dim, false);
    }

    /** Inputs {x} of the given shape; output the same shape. */
    static DoubleReference logSoftmax(int[] shape, int dim) {
        return alongDim(shape, dim, true);
    }

    private static DoubleReference alongDim(int[] shape, int dim, boolean log) {
        int d = dim < 0 ? dim + shape.length : dim;
        int outer = product(shape, 0, d);
        int size = shape[d];
        int inner = product(shape, d + 1, shape.length);
        return in -> {
            double[] x = in[0];
            double[] y = new double[x.length];
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    double sum = 0;
                    for (int k = 0; k < size; k++) {
                        sum += Math.exp(x[(o * size + k) * inner + i]);
                    }
                    for (int k = 0; k < size; k++) {
                        int at = (o * size + k) * inner + i;
                        y[at] = log ? x[at] - Math.log(sum) : Math.exp(x[at]) / sum;
                    }
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
