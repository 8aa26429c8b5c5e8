package vigil.tensor.optim;

import java.util.List;
import vigil.tensor.Tensor;

/**
 * AdamW as torch.optim.AdamW (1.13): decoupled weight decay, p = p * (1 - lr * weight_decay),
 * applied before the Adam step on the unmodified gradient; see {@link AdamFamily}.
 */
public final class AdamW extends AdamFamily {

    public AdamW(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay,
                 boolean amsgrad) {
        super("AdamW", params, lr, beta1, beta2, eps, weightDecay, amsgrad);
    }

    /** PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, weight decay 1e-2, no amsgrad. */
    public AdamW(List<Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 1e-2, false);
    }

    @Override
    protected void update(int index, float[] p, float[] g) {
        float keep = (float) (1 - learningRate() * weightDecay);
        for (int j = 0; j < p.length; j++) {
            p[j] *= keep;
        }
        adamStep(index, p, g);
    }
}
