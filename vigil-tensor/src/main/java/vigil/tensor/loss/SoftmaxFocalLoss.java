package vigil.tensor.loss;

import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;

/**
 * Multi-class focal loss on softmax (the softmax form of Lin et al. 2017): per position with
 * target t, p_t = softmax(x)[t] and
 * <pre>
 *   loss = -alpha[t] * (1 - p_t)^gamma * log p_t
 * </pre>
 * alpha is an optional per-class weight [C] (null: 1 for every class); gamma = 0 with no alpha is
 * exactly cross-entropy. Positions whose target equals ignoreIndex contribute 0; MEAN divides by
 * the number of positions not ignored (a plain mean, not cross-entropy's weighted mean).
 *
 * <p>Shapes as {@link CrossEntropy}: logits [N, C, d...] or [C], target int64 [N, d...] or [].
 * Backward: dx_j = k D ([j == t] - s_j) with D = d loss / d log p_t
 * = -alpha[t] [(1 - p)^gamma - gamma (1 - p)^(gamma - 1) p log p].
 */
public record SoftmaxFocalLoss(Reduction reduction, double gamma, Tensor alpha, long ignoreIndex) implements Loss {

    public SoftmaxFocalLoss {
        if (!(gamma >= 0)) {
            throw new IllegalArgumentException("softmax_focal_loss: gamma must be >= 0, got " + gamma);
        }
    }

    public SoftmaxFocalLoss(Reduction reduction, double gamma) {
        this(reduction, gamma, null, CrossEntropy.DEFAULT_IGNORE_INDEX);
    }

    public SoftmaxFocalLoss withAlpha(Tensor classAlpha) {
        return new SoftmaxFocalLoss(reduction, gamma, classAlpha, ignoreIndex);
    }

    @Override
    public Tensor apply(Tensor logits, Tensor target) {
        String op = "softmax_focal_loss";
        ClassLayout layout = ClassLayout.of(op, logits, target);
        int classes = layout.classes();
        int inner = layout.inner();
        int positions = layout.positions();
        float[] a = layout.classWeights(op, "alpha", alpha);
        float[] x = logits.data();
        int[] cls = layout.targetClasses(op, target.longs(), ignoreIndex);
        double[] lse = new double[positions];
        // d loss / d log p_t per position, for backward.
        double[] dLogP = new double[positions];
        float[] perPosition = new float[positions];
        double total = 0;
        int counted = 0;
        for (int p = 0; p < positions; p++) {
            int tc = cls[p];
            if (tc < 0) {
                continue;
            }
            lse[p] = layout.logSumExp(x, p);
            double logP = x[layout.base(p) + tc * inner] - lse[p];
            double oneMinusP = -Math.expm1(logP);
            double at = a == null ? 1 : a[tc];
            double mg = Math.pow(oneMinusP, gamma);
            // (1 - p)^(gamma - 1) * log p -> 0 as p -> 1 for every gamma > 0; take the limit at p == 1.
            double dmg = gamma == 0 || oneMinusP == 0 ? 0 : gamma * Math.pow(oneMinusP, gamma - 1);
            double loss = -at * mg * logP;
            dLogP[p] = -at * (mg - dmg * Math.exp(logP) * logP);
            perPosition[p] = (float) loss;
            total += loss;
            counted++;
        }
        Tensor out = ClassLossReduction.reduce(reduction, layout, perPosition, total, counted);
        int count = counted;
        return Autograd.record(op, out, g -> {
            float[] gx = new float[x.length];
            for (int p = 0; p < positions; p++) {
                int tc = cls[p];
                if (tc < 0) {
                    continue;
                }
                double k = ClassLossReduction.upstream(reduction, g, p, count);
                int b = layout.base(p);
                // d log p_t / d x_j = [j == t] - s_j
                for (int c = 0; c < classes; c++) {
                    int i = b + c * inner;
                    double s = Math.exp(x[i] - lse[p]);
                    gx[i] = (float) (k * dLogP[p] * ((c == tc ? 1 : 0) - s));
                }
            }
            logits.accumulateGrad(gx);
        }, logits);
    }
}
