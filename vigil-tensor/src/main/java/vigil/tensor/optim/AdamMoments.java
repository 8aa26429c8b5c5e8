package vigil.tensor.optim;

import java.util.Map;
import java.util.Set;
import vigil.tensor.Tensor;

/**
 * The moment estimates and bias-corrected step shared by {@link Adam} and {@link AdamW}, in the
 * order and precision of torch.optim.Adam 1.13 (single-tensor path): float32 tensors, the bias
 * corrections and step size in double, cast to float where PyTorch passes them as scalars.
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
final class AdamMoments {
    static final Set<String> FIELDS = Set.of("step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq");

    private final String op;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final boolean amsgrad;
    private final long[] steps;
    private final float[][] expAvg;
    private final float[][] expAvgSq;
    private final float[][] maxExpAvgSq;

    AdamMoments(String op, int count, double beta1, double beta2, double eps, boolean amsgrad) {
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException(op + ": betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(eps >= 0)) {
            throw new IllegalArgumentException(op + ": eps must be >= 0, got " + eps);
        }
        this.op = op;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.amsgrad = amsgrad;
        this.steps = new long[count];
        this.expAvg = new float[count][];
        this.expAvgSq = new float[count][];
        this.maxExpAvgSq = new float[count][];
    }

    /** One moment update and parameter step; g already includes any L2 term. */
    void step(int i, float[] p, float[] g, double lr) {
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
        float negStepSize = (float) (-(lr / biasCorrection1));
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

    void export(Optimizer owner, Map<String, Tensor> state) {
        for (int i = 0; i < steps.length; i++) {
            if (expAvg[i] == null) {
                continue;
            }
            state.put(Optimizer.key(i, "step"), Optimizer.exportCount(steps[i]));
            state.put(Optimizer.key(i, "exp_avg"), owner.export(i, expAvg[i]));
            state.put(Optimizer.key(i, "exp_avg_sq"), owner.export(i, expAvgSq[i]));
            if (amsgrad) {
                state.put(Optimizer.key(i, "max_exp_avg_sq"), owner.export(i, maxExpAvgSq[i]));
            }
        }
    }

    void load(Optimizer owner, Map<String, Tensor> state) {
        owner.rejectUnknownKeys(state, FIELDS);
        for (int i = 0; i < steps.length; i++) {
            float[] m = owner.importBuffer(state, i, "exp_avg");
            float[] v = owner.importBuffer(state, i, "exp_avg_sq");
            float[] vmax = owner.importBuffer(state, i, "max_exp_avg_sq");
            if ((m == null) != (v == null) || (amsgrad && m != null && vmax == null)) {
                throw new IllegalArgumentException(op + ": state of parameter " + i + " is incomplete (exp_avg "
                        + (m != null) + ", exp_avg_sq " + (v != null) + ", max_exp_avg_sq " + (vmax != null) + ")");
            }
            steps[i] = owner.importCount(state, i, "step");
            expAvg[i] = m;
            expAvgSq[i] = v;
            maxExpAvgSq[i] = amsgrad ? vmax : null;
        }
    }
}
