package vigil.tensor.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vigil.tensor.Tensor;

/**
 * What {@link Adam} and {@link AdamW} share: their hyper-parameter checks, the moment estimates
 * and bias-corrected step, and the state dict. They differ only in where weight decay enters (an L2
 * term added to the gradient, or a decoupled shrink of the parameter), which each writes in its own
 * {@link #update}, ending with {@link #adamStep}.
 *
 * <p>The step follows torch.optim.Adam 1.13 (single-tensor path) in order and precision: float32
 * tensors, the bias corrections and step size in double, cast to float where PyTorch passes them as
 * scalars.
 * <pre>
 *   step += 1
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g * g
 *   vmax = max(vmax, v)                                     (amsgrad)
 *   denom = sqrt(v or vmax) / sqrt(1 - beta2^step) + eps
 *   p = p - (lr / (1 - beta1^step)) * m / denom
 * </pre>
 * The m and v updates are fused multiply-adds, as PyTorch's vectorized CPU kernels (add with alpha,
 * addcmul) execute them; with that, five steps match torch 1.13 bit for bit.
 */
abstract sealed class AdamFamily extends Optimizer permits Adam, AdamW {
    private static final Set<String> FIELDS = Set.of("step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq");

    private final String name;
    final double weightDecay;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final boolean amsgrad;
    private final long[] steps;
    private final float[][] expAvg;
    private final float[][] expAvgSq;
    private final float[][] maxExpAvgSq;

    AdamFamily(String name, List<Tensor> params, double lr, double beta1, double beta2, double eps,
               double weightDecay, boolean amsgrad) {
        super(name, params, lr);
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException(name + ": weight decay must be >= 0, got " + weightDecay);
        }
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException(name + ": betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(eps >= 0)) {
            throw new IllegalArgumentException(name + ": eps must be >= 0, got " + eps);
        }
        int count = params.size();
        this.name = name;
        this.weightDecay = weightDecay;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.amsgrad = amsgrad;
        this.steps = new long[count];
        this.expAvg = new float[count][];
        this.expAvgSq = new float[count][];
        this.maxExpAvgSq = new float[count][];
    }

    /** One moment update and parameter step of parameter i; g already includes any L2 term. */
    final void adamStep(int i, float[] p, float[] g) {
        if (expAvg[i] == null) {
            expAvg[i] = new float[p.length];
            expAvgSq[i] = new float[p.length];
            if (amsgrad) {
                maxExpAvgSq[i] = new float[p.length];
            }
        }
        long step = ++steps[i];
        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float oneMinusB1 = (float) (1 - beta1);
        float oneMinusB2 = (float) (1 - beta2);
        float bc2 = (float) biasCorrection2Sqrt;
        float epsF = (float) eps;
        float negStepSize = (float) (-(learningRate() / biasCorrection1));
        float[] m = expAvg[i];
        float[] v = expAvgSq[i];
        float[] vmax = maxExpAvgSq[i];
        for (int j = 0; j < p.length; j++) {
            m[j] = Math.fma(g[j], oneMinusB1, m[j] * b1);
            v[j] = Math.fma(oneMinusB2 * g[j], g[j], v[j] * b2);
            float second = v[j];
            if (amsgrad) {
                vmax[j] = Math.max(vmax[j], v[j]);
                second = vmax[j];
            }
            float denom = (float) Math.sqrt(second) / bc2 + epsF;
            p[j] = p[j] + negStepSize * m[j] / denom;
        }
    }

    @Override
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (int i = 0; i < steps.length; i++) {
            if (expAvg[i] == null) {
                continue;
            }
            state.put(key(i, "step"), exportCount(steps[i]));
            state.put(key(i, "exp_avg"), export(i, expAvg[i]));
            state.put(key(i, "exp_avg_sq"), export(i, expAvgSq[i]));
            if (amsgrad) {
                state.put(key(i, "max_exp_avg_sq"), export(i, maxExpAvgSq[i]));
            }
        }
        return state;
    }

    @Override
    public final void loadStateDict(Map<String, Tensor> state) {
        rejectUnknownKeys(state, FIELDS);
        for (int i = 0; i < steps.length; i++) {
            float[] m = importBuffer(state, i, "exp_avg");
            float[] v = importBuffer(state, i, "exp_avg_sq");
            float[] vmax = importBuffer(state, i, "max_exp_avg_sq");
            if ((m == null) != (v == null) || (amsgrad && m != null && vmax == null)) {
                throw new IllegalArgumentException(name + ": state of parameter " + i + " is incomplete (exp_avg "
                        + (m != null) + ", exp_avg_sq " + (v != null) + ", max_exp_avg_sq " + (vmax != null) + ")");
            }
            steps[i] = importCount(state, i, "step");
            expAvg[i] = m;
            expAvgSq[i] = v;
            maxExpAvgSq[i] = amsgrad ? vmax : null;
        }
    }
}
