package vigil.tensor.loss;

import vigil.tensor.Tensor;

/**
 * Absolute error |x - t|, as torch.nn.functional.l1_loss: the gradient is sign(x - t), 0 where
 * x == t (PyTorch's convention at the kink), and its negative for the target.
 * x, t: same shape -> loss: [] or x's shape (NONE).
 */
public record L1Loss(Reduction reduction) implements Loss {

    public static L1Loss mean() {
        return new L1Loss(Reduction.MEAN);
    }

    @Override
    public Tensor apply(Tensor input, Tensor target) {
        PointwiseLossTerms terms = PointwiseLossTerms.of("l1_loss", input, target);
        for (int i = 0; i < terms.n; i++) {
            float d = terms.x[i] - terms.t[i];
            terms.loss[i] = Math.abs(d);
            terms.dx[i] = Math.signum(d);
            terms.dt[i] = -terms.dx[i];
        }
        return terms.reduce(reduction);
    }
}
