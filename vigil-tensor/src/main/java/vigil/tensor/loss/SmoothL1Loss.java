package vigil.tensor.loss;

import vigil.tensor.Tensor;

/**
 * Huber-like loss of torch.nn.functional.smooth_l1_loss: 0.5 d^2 / beta where |d| &lt; beta,
 * |d| - 0.5 beta elsewhere, d = x - t. The gradient follows PyTorch 1.13's kernel,
 * k(d) = d &lt;= -beta ? -1 : d &gt;= beta ? 1 : d / beta, and the target's is k(t - x): the same as
 * -k(d) except at beta == 0, d == 0, where PyTorch gives -1 to both (no 0/0).
 */
public record SmoothL1Loss(Reduction reduction, double beta) implements Loss {

    public SmoothL1Loss {
        if (!(beta >= 0)) {
            throw new IllegalArgumentException("smooth_l1_loss: beta must be >= 0, got " + beta);
        }
    }

    public static SmoothL1Loss mean() {
        return new SmoothL1Loss(Reduction.MEAN, 1.0);
    }

    @Override
    public Tensor apply(Tensor input, Tensor target) {
        PointwiseLossTerms terms = PointwiseLossTerms.of("smooth_l1_loss", input, target);
        float b = (float) beta;
        for (int i = 0; i < terms.n; i++) {
            float d = terms.x[i] - terms.t[i];
            float ad = Math.abs(d);
            if (ad < b) {
                terms.loss[i] = 0.5f * d * d / b;
            } else {
                terms.loss[i] = ad - 0.5f * b;
            }
            terms.dx[i] = slope(d, b);
            terms.dt[i] = slope(terms.t[i] - terms.x[i], b);
        }
        return terms.reduce(reduction);
    }

    private static float slope(float d, float b) {
        return d <= -b ? -1f : d >= b ? 1f : d / b;
    }
}
