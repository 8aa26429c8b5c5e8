package vigil.tensor.loss;

import vigil.tensor.Tensor;

/**
 * Squared error (x - t)^2, as torch.nn.functional.mse_loss. Both x and t take a gradient:
 * d/dx = 2 (x - t), d/dt = -2 (x - t). x, t: same shape -> loss: [] or x's shape (NONE).
 */
public record MseLoss(Reduction reduction) implements Loss {

    public static MseLoss mean() {
        return new MseLoss(Reduction.MEAN);
    }

    @Override
    public Tensor apply(Tensor input, Tensor target) {
        PointwiseLossTerms terms = PointwiseLossTerms.of("mse_loss", input, target);
        for (int i = 0; i < terms.n; i++) {
            float d = terms.x[i] - terms.t[i];
            terms.loss[i] = d * d;
            terms.dx[i] = 2f * d;
            terms.dt[i] = -2f * d;
        }
        return terms.reduce(reduction);
    }
}
