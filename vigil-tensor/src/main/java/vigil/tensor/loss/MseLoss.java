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
        PointwiseReduction.requireSameShape("mse_loss", input, target);
        float[] x = input.data();
        float[] t = target.data();
        int n = x.length;
        float[] loss = new float[n];
        float[] dx = new float[n];
        float[] dt = new float[n];
        for (int i = 0; i < n; i++) {
            float d = x[i] - t[i];
            loss[i] = d * d;
            dx[i] = 2f * d;
            dt[i] = -2f * d;
        }
        return PointwiseReduction.reduce("mse_loss", input, target, loss, dx, dt, reduction);
    }
}
