package vigil.tensor.optim;

import java.util.List;
import vigil.tensor.Tensor;

/** Gradient clipping, in place on the parameters' accumulated gradients. */
public final class GradClip {
    private GradClip() {
    }

    /**
     * Scales all gradients together so their joint L2 norm is at most maxNorm, as
     * torch.nn.utils.clip_grad_norm_ (norm 2, 1.13): total = || (||g_1||, ..., ||g_k||) ||, and
     * when coef = maxNorm / (total + 1e-6) is below 1 every gradient is multiplied by it (in float,
     * with coef formed as PyTorch does: (1 / (total + 1e-6f)) * maxNorm). Parameters without a
     * gradient are skipped. Returns the total norm before clipping (float32 precision; 0 when
     * no parameter has a gradient). A non-finite norm scales the gradients to NaN, as PyTorch's
     * default error_if_nonfinite=False does.
     */
    public static double clipByNorm(List<Tensor> params, double maxNorm) {
        if (!(maxNorm >= 0)) {
            throw new IllegalArgumentException("clipByNorm: max norm must be >= 0, got " + maxNorm);
        }
        double sumOfSquares = 0;
        boolean any = false;
        for (Tensor p : params) {
            float[] g = p.gradArray();
            if (g == null) {
                continue;
            }
            any = true;
            double s = 0;
            for (float v : g) {
                s += (double) v * v;
            }
            float norm = (float) Math.sqrt(s);
            sumOfSquares += (double) norm * norm;
        }
        if (!any) {
            return 0;
        }
        float total = (float) Math.sqrt(sumOfSquares);
        float coef = (1f / (total + 1e-6f)) * (float) maxNorm;
        if (coef < 1f || Float.isNaN(coef)) {
            for (Tensor p : params) {
                float[] g = p.gradArray();
                if (g != null) {
                    for (int j = 0; j < g.length; j++) {
                        g[j] *= coef;
                    }
                }
            }
        }
        return total;
    }
}
