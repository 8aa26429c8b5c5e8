package vigil.tensor.reference;

import vigil.tensor.gradcheck.DoubleReference;

/**
 * Double-precision squeeze-and-excitation in evaluation mode, written from MiniFASNet's SEModule:
 * gate = sigmoid(bn2(fc2(relu(bn1(fc1(mean over H, W of x)))))), y = x * gate per (sample, channel).
 * fc1 and fc2 are 1x1 convolutions without bias, i.e. matrices [S, C] and [C, S]; evaluation batch
 * norm uses the running statistics, which are constants here.
 */
final class SqueezeExciteReference {
    static final double BN_EPS = 1e-5;

    private SqueezeExciteReference() {
    }

    /** The running statistics of bn1 ([S] each) and bn2 ([C] each). */
    record RunningStats(double[] mean1, double[] var1, double[] mean2, double[] var2) {
    }

    /**
     * Inputs {x [N, C, H, W], fc1.weight [S, C, 1, 1], bn1.weight [S], bn1.bias [S],
     * fc2.weight [C, S, 1, 1], bn2.weight [C], bn2.bias [C]} -> {y [N, C, H, W]}.
     */
    static DoubleReference eval(int n, int c, int plane, int squeezed, RunningStats stats) {
        return in -> {
            double[] x = in[0];
            double[] hidden = hiddenBeforeRelu(in, n, c, plane, squeezed, stats);
            double[] y = new double[x.length];
            for (int s = 0; s < n; s++) {
                for (int ch = 0; ch < c; ch++) {
                    double z = 0;
                    for (int j = 0; j < squeezed; j++) {
                        z += in[4][ch * squeezed + j] * Math.max(hidden[s * squeezed + j], 0);
                    }
                    z = batchNormEval(z, stats.mean2()[ch], stats.var2()[ch], in[5][ch], in[6][ch]);
                    double gate = 1 / (1 + Math.exp(-z));
                    for (int i = 0; i < plane; i++) {
                        int at = (s * c + ch) * plane + i;
                        y[at] = x[at] * gate;
                    }
                }
            }
            return new double[][] {y};
        };
    }

    /** bn1(fc1(pool(x))): [N, S], the values the relu sees (tests keep them away from its kink). */
    static double[] hiddenBeforeRelu(double[][] in, int n, int c, int plane, int squeezed, RunningStats stats) {
        double[] x = in[0];
        double[] hidden = new double[n * squeezed];
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < squeezed; j++) {
                double acc = 0;
                for (int ch = 0; ch < c; ch++) {
                    double pooled = 0;
                    for (int i = 0; i < plane; i++) {
                        pooled += x[(s * c + ch) * plane + i];
                    }
                    acc += in[1][j * c + ch] * pooled / plane;
                }
                hidden[s * squeezed + j] = batchNormEval(acc, stats.mean1()[j], stats.var1()[j], in[2][j], in[3][j]);
            }
        }
        return hidden;
    }

    private static double batchNormEval(double v, double mean, double var, double weight, double bias) {
        return (v - mean) / Math.sqrt(var + BN_EPS) * weight + bias;
    }
}
