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
        PointwiseReduction.requireSameShape("l1_loss", input, target);
        float[] x = input.data();
        float[] t = target.data();
        int n = x.length;
        float[] loss = new float[n];
        float[] dx = new float[n];
        float[] dt = new float[n];
        for (int i = 0; i < n; i++) {
            float d = x[i] - t[i];
            loss[i] = Math.abs(d);
            dx[i] = Math.signum(d);
            dt[i] = -dx[i];
        }
        return PointwiseReduction.reduce("l1_loss", input, target, loss, dx, dt, reduction);
    }
}
