package vigil.tensor.loss;

import vigil.tensor.Tensor;

/**
 * Binary focal loss on logits (Lin et al. 2017), as torchvision.ops.sigmoid_focal_loss:
 * <pre>
 *   p = sigmoid(x), ce = bce_with_logits(x, t), p_t = p t + (1 - p)(1 - t)
 *   loss = alpha_t * ce * (1 - p_t)^gamma,   alpha_t = alpha t + (1 - alpha)(1 - t)
 * </pre>
 * A negative alpha turns the class balancing off (alpha_t = 1), as in torchvision. Targets may be
 * soft (in [0, 1]). x, t: same shape -> loss: [] or x's shape (NONE); both take gradients.
 *
 * <p>Where 1 - p_t is exactly 0 the gamma term's derivative is taken as its limit 0, so gamma &lt; 1
 * does not turn a saturated prediction into 0 * inf = NaN.
 */
public record FocalLoss(Reduction reduction, double alpha, double gamma) implements Loss {

    public FocalLoss {
        if (!(gamma >= 0)) {
            throw new IllegalArgumentException("sigmoid_focal_loss: gamma must be >= 0, got " + gamma);
        }
    }

    /** torchvision's defaults: alpha 0.25, gamma 2. */
    public static FocalLoss standard(Reduction reduction) {
        return new FocalLoss(reduction, 0.25, 2.0);
    }

    @Override
    public Tensor apply(Tensor logits, Tensor target) {
        String op = "sigmoid_focal_loss";
        PointwiseLossTerms terms = PointwiseLossTerms.of(op, logits, target);
        boolean balanced = alpha >= 0;
        for (int i = 0; i < terms.n; i++) {
            double xi = terms.x[i];
            double ti = terms.t[i];
            double p = BinaryCrossEntropyWithLogits.sigmoid(xi);
            double ce = (1 - ti) * xi + Math.max(-xi, 0) + Math.log1p(Math.exp(-Math.abs(xi)));
            double m = 1 - (p * ti + (1 - p) * (1 - ti));
            double mg = Math.pow(m, gamma);
            // d(m^gamma)/dm; zero where m == 0 (the limit of the product it enters) or gamma == 0.
            double dmg = gamma == 0 || m == 0 ? 0 : gamma * Math.pow(m, gamma - 1);
            double a = balanced ? alpha * ti + (1 - alpha) * (1 - ti) : 1;
            double da = balanced ? 2 * alpha - 1 : 0;
            double dmdx = -(2 * ti - 1) * p * (1 - p);
            double dmdt = 1 - 2 * p;
            terms.loss[i] = (float) (a * ce * mg);
            terms.dx[i] = (float) (a * ((p - ti) * mg + ce * dmg * dmdx));
            terms.dt[i] = (float) (da * ce * mg + a * (-xi * mg + ce * dmg * dmdt));
        }
        return terms.reduce(reduction);
    }
}
