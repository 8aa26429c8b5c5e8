package vigil.tensor.reference;

import vigil.tensor.gradcheck.DoubleReference;

/**
 * Double-precision activations, written from their definitions; the pointwise ones run through
 * {@link ElementwiseReference#map}.
 */
final class ActivationReference {
    private ActivationReference() {
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
