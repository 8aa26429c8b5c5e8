package vigil.tensor.reference;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import vigil.tensor.gradcheck.DoubleReference;
import vigil.tensor.loss.Reduction;

/**
 * Double-precision losses, written from the formulas in PyTorch 1.13's documentation (and
 * torchvision's sigmoid_focal_loss) rather than from the engine's rearranged, overflow-safe forms:
 * log-softmax as x - log(sum exp x), binary cross-entropy as -[t log sigmoid(x) + (1 - t) log(1 - sigmoid(x))].
 * Inputs are small and moderate, so the plain forms are accurate in double.
 *
 * <p>Class-index losses read logits [N, C, inner] (inner = product of the trailing dims, 1 for [N, C]
 * or [C]) and targets [N, inner] as doubles holding integers. Elementwise losses read input and
 * target of one shape.
 */
final class LossReference {
    private LossReference() {
    }

    /**
     * torch.nn.functional.cross_entropy with class indices. Inputs {logits, target} or
     * {logits, target, weight [C]}. Per position not ignored:
     * (1 - eps) w[t] (-logp[t]) + (eps / C) sum_c w[c] (-logp[c]); MEAN divides by the sum of w[t]
     * over the positions not ignored (the count when unweighted).
     */
    static DoubleReference crossEntropy(int classes, int inner, double eps, long ignoreIndex, Reduction reduction) {
        return in -> {
            double[] x = in[0];
            double[] target = in[1];
            double[] w = in.length > 2 ? in[2] : ones(classes);
            double[] loss = new double[target.length];
            double weightOfTargets = 0;
            for (int p = 0; p < target.length; p++) {
                if (target[p] == ignoreIndex) {
                    continue;
                }
                int t = (int) target[p];
                double[] logp = logSoftmax(x, p, classes, inner);
                double smooth = 0;
                for (int c = 0; c < classes; c++) {
                    smooth += w[c] * -logp[c];
                }
                loss[p] = (1 - eps) * w[t] * -logp[t] + eps / classes * smooth;
                weightOfTargets += w[t];
            }
            return new double[][] {reduce(loss, reduction, weightOfTargets)};
        };
    }

    /**
     * Softmax focal loss -alpha[t] (1 - p_t)^gamma log p_t. Inputs {logits, target} or
     * {logits, target, alpha [C]}. MEAN divides by the number of positions not ignored.
     */
    static DoubleReference softmaxFocal(int classes, int inner, double gamma, long ignoreIndex, Reduction reduction) {
        return in -> {
            double[] x = in[0];
            double[] target = in[1];
            double[] alpha = in.length > 2 ? in[2] : ones(classes);
            double[] loss = new double[target.length];
            int counted = 0;
            for (int p = 0; p < target.length; p++) {
                if (target[p] == ignoreIndex) {
                    continue;
                }
                int t = (int) target[p];
                double logPt = logSoftmax(x, p, classes, inner)[t];
                double pt = Math.exp(logPt);
                loss[p] = -alpha[t] * Math.pow(1 - pt, gamma) * logPt;
                counted++;
            }
            return new double[][] {reduce(loss, reduction, counted)};
        };
    }

    /**
     * binary_cross_entropy_with_logits: -w [pw t log sigmoid(x) + (1 - t) log(1 - sigmoid(x))].
     * Inputs {x, t}, then weight if weighted, then pos_weight if posWeighted; each factor broadcasts
     * over the leading dims (element i takes factor[i % length]), as [C] or x's own shape does.
     */
    static DoubleReference bceWithLogits(boolean weighted, boolean posWeighted, Reduction reduction) {
        return in -> {
            double[] x = in[0];
            double[] t = in[1];
            double[] w = weighted ? in[2] : new double[] {1};
            double[] pw = posWeighted ? in[weighted ? 3 : 2] : new double[] {1};
            double[] loss = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double p = sigmoid(x[i]);
                loss[i] = -w[i % w.length] * (pw[i % pw.length] * t[i] * Math.log(p) + (1 - t[i]) * Math.log(1 - p));
            }
            return new double[][] {reduce(loss, reduction, x.length)};
        };
    }

    /**
     * torchvision.ops.sigmoid_focal_loss: ce (1 - p_t)^gamma, times alpha_t = alpha t + (1 - alpha)(1 - t)
     * unless alpha is negative. Inputs {x, t}.
     */
    static DoubleReference sigmoidFocal(double alpha, double gamma, Reduction reduction) {
        return in -> {
            double[] x = in[0];
            double[] t = in[1];
            double[] loss = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double p = sigmoid(x[i]);
                double ce = -(t[i] * Math.log(p) + (1 - t[i]) * Math.log(1 - p));
                double pt = p * t[i] + (1 - p) * (1 - t[i]);
                double alphaT = alpha >= 0 ? alpha * t[i] + (1 - alpha) * (1 - t[i]) : 1;
                loss[i] = alphaT * ce * Math.pow(1 - pt, gamma);
            }
            return new double[][] {reduce(loss, reduction, x.length)};
        };
    }

    static DoubleReference mse(Reduction reduction) {
        return elementwise(d -> d * d, reduction);
    }

    static DoubleReference l1(Reduction reduction) {
        return elementwise(Math::abs, reduction);
    }

    /** 0.5 d^2 / beta inside |d| < beta, |d| - 0.5 beta outside. */
    static DoubleReference smoothL1(double beta, Reduction reduction) {
        return elementwise(d -> Math.abs(d) < beta ? 0.5 * d * d / beta : Math.abs(d) - 0.5 * beta, reduction);
    }

    /** A loss of d = input - target per element. Inputs {input, target}. */
    private static DoubleReference elementwise(DoubleUnaryOperator ofDifference,
                                               Reduction reduction) {
        return in -> {
            double[] loss = new double[in[0].length];
            for (int i = 0; i < loss.length; i++) {
                loss[i] = ofDifference.applyAsDouble(in[0][i] - in[1][i]);
            }
            return new double[][] {reduce(loss, reduction, loss.length)};
        };
    }

    /** log softmax over the C scores of position p = n * inner + s; score c sits at (n * C + c) * inner + s. */
    private static double[] logSoftmax(double[] x, int p, int classes, int inner) {
        int base = (p / inner) * classes * inner + p % inner;
        double sumExp = 0;
        for (int c = 0; c < classes; c++) {
            sumExp += Math.exp(x[base + c * inner]);
        }
        double[] logp = new double[classes];
        for (int c = 0; c < classes; c++) {
            logp[c] = x[base + c * inner] - Math.log(sumExp);
        }
        return logp;
    }

    /** NONE keeps the per-element losses, SUM adds them, MEAN divides the sum by meanDenominator. */
    private static double[] reduce(double[] loss, Reduction reduction, double meanDenominator) {
        if (reduction == Reduction.NONE) {
            return loss;
        }
        double sum = 0;
        for (double v : loss) {
            sum += v;
        }
        return new double[] {reduction == Reduction.SUM ? sum : sum / meanDenominator};
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    private static double[] ones(int n) {
        double[] o = new double[n];
        Arrays.fill(o, 1);
        return o;
    }
}
