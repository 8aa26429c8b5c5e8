package vigil.tensor.optim;

import java.util.List;
import vigil.tensor.Tensor;

/**
 * Adam as torch.optim.Adam (1.13): weight decay is an L2 term added to the gradient
 * (g + weight_decay * p) before the moment update; see {@link AdamFamily} for the step itself.
 */
public final class Adam extends AdamFamily {

    public Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay,
                boolean amsgrad) {
        super("Adam", params, lr, beta1, beta2, eps, weightDecay, amsgrad);
    }

    /** PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay, no amsgrad. */
    public Adam(List<Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0, false);
    }

    @Override
    protected void update(int index, float[] p, float[] g) {
        float[] grad = g;
        if (weightDecay != 0) {
            float wd = (float) weightDecay;
            grad = new float[g.length];
            for (int j = 0; j < g.length; j++) {
                grad[j] = Math.fma(p[j], wd, g[j]);
            }
        }
        adamStep(index, p, grad);
    }
}
