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
        AxisLines ax = AxisLines.of(shape, dim);
        return in -> {
            double[] x = in[0];
            double[] y = new double[x.length];
            for (int o = 0; o < ax.outer(); o++) {
                for (int i = 0; i < ax.inner(); i++) {
                    double sum = 0;
                    for (int k = 0; k < ax.size(); k++) {
                        sum += Math.exp(x[ax.at(o, k, i)]);
                    }
                    for (int k = 0; k < ax.size(); k++) {
                        int at = ax.at(o, k, i);
                        y[at] = log ? x[at] - Math.log(sum) : Math.exp(x[at]) / sum;
                    }
                }
            }
            return new double[][] {y};
        };
    }
}
