package vigil.tensor.reference;

import java.util.function.DoubleUnaryOperator;
import vigil.tensor.gradcheck.DoubleReference;

/** Double-precision pointwise activations, written from their definitions. */
final class ActivationReference {
    private ActivationReference() {
    }

    static DoubleReference map(DoubleUnaryOperator f) {
        return in -> {
            double[] y = new double[in[0].length];
            for (int i = 0; i < y.length; i++) {
                y[i] = f.applyAsDouble(in[0][i]);
            }
            return new double[][] {y};
        };
    }

    static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    static double hardswish(double v) {
        return v * Math.min(Math.max(v + 3, 0), 6) / 6;
    }

    /** PReLU over x [N, C, inner...] with one slope per channel (or one shared); inputs {x, weight}. */
    static DoubleReference prelu(int channels, int inner) {
        return in -> {
            double[] x = in[0];
            double[] w = in[1];
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double slope = w.length == 1 ? w[0] : w[(i / inner) % channels];
                y[i] = x[i] > 0 ? x[i] : slope * x[i];
            }
            return new double[][] {y};
        };
    }
}
