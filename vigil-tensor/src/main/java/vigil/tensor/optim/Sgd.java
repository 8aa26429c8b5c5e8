package vigil.tensor.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vigil.tensor.Tensor;

/**
 * Stochastic gradient descent as torch.optim.SGD (1.13), in its order of operations, in float32:
 * <pre>
 *   d = g + weight_decay * p
 *   buf = d (first step) | momentum * buf + (1 - dampening) * d
 *   d = nesterov ? d + momentum * buf : buf          (only with momentum != 0)
 *   p = p - lr * d
 * </pre>
 * The "a + alpha * b" updates use a fused multiply-add, as PyTorch's vectorized CPU add does.
 */
public final class Sgd extends Optimizer {
    private final double momentum;
    private final double dampening;
    private final double weightDecay;
    private final boolean nesterov;
    private final float[][] momentumBuffer;

    public Sgd(List<Tensor> params, double lr, double momentum, double dampening, double weightDecay,
               boolean nesterov) {
        super("SGD", params, lr);
        if (momentum < 0 || weightDecay < 0) {
            throw new IllegalArgumentException("SGD: momentum " + momentum + " and weight decay " + weightDecay
                    + " must be >= 0");
        }
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("SGD: nesterov needs momentum > 0 and zero dampening, got momentum "
                    + momentum + ", dampening " + dampening);
        }
        this.momentum = momentum;
        this.dampening = dampening;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        this.momentumBuffer = new float[params.size()][];
    }

    /** Plain SGD (no momentum, no weight decay). */
    public Sgd(List<Tensor> params, double lr) {
        this(params, lr, 0, 0, 0, false);
    }

    @Override
    protected void update(int index, float[] p, float[] g) {
        float wd = (float) weightDecay;
        float mom = (float) momentum;
        float keep = (float) (1 - dampening);
        float negLr = (float) -learningRate();
        float[] buf = momentumBuffer[index];
        boolean first = buf == null && momentum != 0;
        if (first) {
            buf = new float[p.length];
            momentumBuffer[index] = buf;
        }
        for (int j = 0; j < p.length; j++) {
            float d = weightDecay != 0 ? Math.fma(p[j], wd, g[j]) : g[j];
            if (momentum != 0) {
                buf[j] = first ? d : Math.fma(d, keep, buf[j] * mom);
                d = nesterov ? Math.fma(buf[j], mom, d) : buf[j];
            }
            p[j] = Math.fma(d, negLr, p[j]);
        }
    }

    @Override
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (int i = 0; i < parameterCount(); i++) {
            if (momentumBuffer[i] != null) {
                state.put(key(i, "momentum_buffer"), export(i, momentumBuffer[i]));
            }
        }
        return state;
    }

    @Override
    public void loadStateDict(Map<String, Tensor> state) {
        rejectUnknownKeys(state, Set.of("momentum_buffer"));
        for (int i = 0; i < parameterCount(); i++) {
            momentumBuffer[i] = importBuffer(state, i, "momentum_buffer");
        }
    }
}
