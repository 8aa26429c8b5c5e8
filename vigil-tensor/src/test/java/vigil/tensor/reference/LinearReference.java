package vigil.tensor.reference;

import vigil.tensor.gradcheck.DoubleReference;

/** Double-precision matrix products and the affine map of torch.nn.functional.linear, as direct sums. */
final class LinearReference {
    private LinearReference() {
    }

    /**
     * Inputs {a [batch, m, k], b [batch, k, n]} -> {c [batch, m, n]}, c = a b per batch entry;
     * batch 1 is the plain 2-D product [m, k] x [k, n].
     */
    static DoubleReference matmul(int batch, int m, int k, int n) {
        return in -> {
            double[] a = in[0];
            double[] b = in[1];
            double[] c = new double[batch * m * n];
            for (int t = 0; t < batch; t++) {
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double acc = 0;
                        for (int p = 0; p < k; p++) {
                            acc += a[(t * m + i) * k + p] * b[(t * k + p) * n + j];
                        }
                        c[(t * m + i) * n + j] = acc;
                    }
                }
            }
            return new double[][] {c};
        };
    }

    /**
     * Inputs {x [rows, in], weight [out, in]} or {x, weight, bias [out]} -> {y [rows, out]},
     * y = x weight^T + bias; rows is the product of all of x's leading dims.
     */
    static DoubleReference linear(int rows, int inFeatures, int outFeatures) {
        return in -> {
            double[] x = in[0];
            double[] w = in[1];
            double[] bias = in.length == 3 ? in[2] : null;
            double[] y = new double[rows * outFeatures];
            for (int r = 0; r < rows; r++) {
                for (int o = 0; o < outFeatures; o++) {
                    double acc = bias == null ? 0 : bias[o];
                    for (int i = 0; i < inFeatures; i++) {
                        acc += x[r * inFeatures + i] * w[o * inFeatures + i];
                    }
                    y[r * outFeatures + o] = acc;
                }
            }
            return new double[][] {y};
        };
    }
}
