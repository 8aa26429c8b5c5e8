package vigil.tensor.loss;

import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;

/**
 * Softmax cross-entropy on logits with class-index targets, as torch.nn.functional.cross_entropy
 * (PyTorch 1.13): log-softmax over dim 1, then per position
 * <pre>
 *   loss = (1 - eps) * w[t] * -logp[t]  +  (eps / C) * sum_c w[c] * -logp[c]
 * </pre>
 * with w = 1 without class weights and eps the label smoothing. Positions whose target equals
 * ignoreIndex contribute 0. MEAN divides the sum by sum of w[t] over the positions not ignored
 * (PyTorch's weighted mean; the count of them without weights), so all-ignored gives NaN, as in
 * PyTorch.
 *
 * <p>Shapes: logits [N, C, d...] or [C]; target int64 [N, d...] or []; weight [C] or null (a
 * constant, no gradient). Loss: [] or the target's shape (NONE). Backward at a position with
 * softmax s and upstream coefficient k: dx_j = k [(1 - eps) w[t] (s_j - [j == t]) + (eps / C)(W s_j - w[j])],
 * W = sum_c w[c].
 */
public record CrossEntropy(Reduction reduction, Tensor weight, double labelSmoothing, long ignoreIndex)
        implements Loss {

    /** PyTorch's default ignore_index. */
    public static final long DEFAULT_IGNORE_INDEX = -100;

    public CrossEntropy {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("cross_entropy: label_smoothing must be in [0, 1], got " + labelSmoothing);
        }
    }

    public CrossEntropy(Reduction reduction) {
        this(reduction, null, 0, DEFAULT_IGNORE_INDEX);
    }

    public static CrossEntropy mean() {
        return new CrossEntropy(Reduction.MEAN);
    }

    public CrossEntropy withWeight(Tensor classWeights) {
        return new CrossEntropy(reduction, classWeights, labelSmoothing, ignoreIndex);
    }

    public CrossEntropy withLabelSmoothing(double eps) {
        return new CrossEntropy(reduction, weight, eps, ignoreIndex);
    }

    public CrossEntropy withIgnoreIndex(long index) {
        return new CrossEntropy(reduction, weight, labelSmoothing, index);
    }

    @Override
    public Tensor apply(Tensor logits, Tensor target) {
        String op = "cross_entropy";
        ClassLayout layout = ClassLayout.of(op, logits, target);
        int classes = layout.classes();
        int inner = layout.inner();
        int positions = layout.positions();
        float[] w = layout.classWeights(op, "weight", weight);
        float[] x = logits.data();
        // Per position: the target class (-1 when ignored) and log-sum-exp, kept for backward.
        int[] cls = layout.targetClasses(op, target.longs(), ignoreIndex);
        double eps = labelSmoothing;
        double smoothShare = eps / classes;
        double weightSum = 0;
        if (w != null) {
            for (float v : w) {
                weightSum += v;
            }
        }
        double[] lse = new double[positions];
        float[] perPosition = new float[positions];
        double total = 0;
        double denom = 0;
        for (int p = 0; p < positions; p++) {
            int tc = cls[p];
            if (tc < 0) {
                continue;
            }
            int b = layout.base(p);
            lse[p] = layout.logSumExp(x, p);
            double wt = w == null ? 1 : w[tc];
            double loss = (1 - eps) * wt * (lse[p] - x[b + tc * inner]);
            if (eps > 0) {
                double smooth = 0;
                for (int c = 0; c < classes; c++) {
                    smooth += (w == null ? 1 : w[c]) * (lse[p] - x[b + c * inner]);
                }
                loss += smoothShare * smooth;
            }
            perPosition[p] = (float) loss;
            total += loss;
            denom += wt;
        }
        Tensor out = ClassLossReduction.reduce(reduction, layout, perPosition, total, denom);
        double classWeightSum = w == null ? classes : weightSum;
        double meanDenom = denom;
        return Autograd.record(op, out, g -> {
            float[] gx = new float[x.length];
            for (int p = 0; p < positions; p++) {
                int tc = cls[p];
                if (tc < 0) {
                    continue;
                }
                double k = ClassLossReduction.upstream(reduction, g, p, meanDenom);
                int b = layout.base(p);
                double wt = w == null ? 1 : w[tc];
                for (int c = 0; c < classes; c++) {
                    int i = b + c * inner;
                    double s = Math.exp(x[i] - lse[p]);
                    double d = (1 - eps) * wt * (c == tc ? s - 1 : s);
                    if (eps > 0) {
                        d += smoothShare * (classWeightSum * s - (w == null ? 1 : w[c]));
                    }
                    gx[i] = (float) (k * d);
                }
            }
            logits.accumulateGrad(gx);
        }, logits);
    }
}
