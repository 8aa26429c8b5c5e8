package vigil.tensor.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vigil.tensor.Tensor;

/**
 * AdamW as torch.optim.AdamW (1.13): decoupled weight decay, p = p * (1 - lr * weight_decay),
 * applied before the Adam step on the unmodified gradient; see {@link AdamMoments}.
 */
public final class AdamW extends Optimizer {
    private final double weightDecay;
    private final AdamMoments moments;

    public AdamW(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay,
                 boolean amsgrad) {
        super("AdamW", params, lr);
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("AdamW: weight decay must be >= 0, got " + weightDecay);
        }
        this.weightDecay = weightDecay;
        this.moments = new AdamMoments("AdamW", params.size(), beta1, beta2, eps, amsgrad);
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
        moments.step(index, p, g, learningRate());
    }

    @Override
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        moments.export(this, state);
        return state;
    }

    @Override
    public void loadStateDict(Map<String, Tensor> state) {
        moments.load(this, state);
    }
}
