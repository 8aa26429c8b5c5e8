package vigil.tensor.gradcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.init.Rng;

/**
 * Finite-difference gradient check. For f(inputs) -> outputs, the scalar L = sum over outputs of
 * sum(output * seed) with fixed random seeds; the analytic dL/dx from backward() is compared with
 * the central difference (L(x+h) - L(x-h)) / 2h for sampled elements of every input.
 *
 * <p>The loss and the difference are formed in double; the forward itself runs in the engine's
 * float32, so h must be large enough that float rounding (~1e-7 relative) stays below the tolerance
 * while the truncation error O(h^2) stays small too: h = 1e-2 with rtol 1e-2 suits smooth ops whose
 * inputs are O(1). Keep inputs away from kinks (relu at 0, pooling ties) by more than h.
 */
public final class GradCheck {
    private GradCheck() {
    }

    /** The largest disagreement found, for reporting. */
    public record Result(boolean passed, String worst, double maxAbsError, int checked) {
    }

    /**
     * @param f          the function under test (must be deterministic)
     * @param inputs     float inputs; those with requiresGrad are checked
     * @param h          the finite-difference step
     * @param atol       absolute tolerance
     * @param rtol       relative tolerance against the numeric derivative
     * @param maxPerInput at most this many elements of each input are probed (evenly spread)
     */
    public static Result check(Function<Tensor[], Tensor[]> f, Tensor[] inputs, double h, double atol, double rtol,
                               int maxPerInput, long seed) {
        Rng rng = new Rng(seed);
        for (Tensor in : inputs) {
            if (in.requiresGrad()) {
                in.zeroGrad();
            }
        }
        Tensor[] outs = f.apply(inputs);
        List<float[]> seeds = new ArrayList<>();
        Tensor loss = null;
        for (Tensor o : outs) {
            float[] s = new float[o.numel()];
            for (int i = 0; i < s.length; i++) {
                s[i] = rng.uniform(-1f, 1f);
            }
            seeds.add(s);
            if (o.requiresGrad()) {
                Tensor term = o.mul(Tensor.of(s, o.shape())).sum();
                loss = loss == null ? term : loss.add(term);
            }
        }
        if (loss == null) {
            throw new IllegalArgumentException("gradcheck: no output depends on an input that requires grad");
        }
        loss.backward();
        double worstErr = 0;
        String worst = "none";
        boolean passed = true;
        int checked = 0;
        for (int k = 0; k < inputs.length; k++) {
            Tensor in = inputs[k];
            if (!in.requiresGrad()) {
                continue;
            }
            float[] analytic = in.gradArray() == null ? new float[in.numel()] : in.gradArray().clone();
            float[] data = in.data();
            int n = data.length;
            int step = Math.max(1, n / maxPerInput);
            for (int i = 0; i < n; i += step) {
                float saved = data[i];
                data[i] = (float) (saved + h);
                double plus = lossOf(f, inputs, seeds);
                data[i] = (float) (saved - h);
                double minus = lossOf(f, inputs, seeds);
                data[i] = saved;
                double numeric = (plus - minus) / (2 * h);
                double err = Math.abs(analytic[i] - numeric);
                checked++;
                if (err > atol + rtol * Math.abs(numeric)) {
                    passed = false;
                }
                if (err > worstErr) {
                    worstErr = err;
                    worst = "input " + k + " element " + i + ": analytic " + analytic[i] + ", numeric " + numeric;
                }
            }
        }
        return new Result(passed, worst, worstErr, checked);
    }

    /** The defaults described above: h 1e-2, atol 1e-3, rtol 1e-2, 64 probes per input. */
    public static Result check(Function<Tensor[], Tensor[]> f, Tensor... inputs) {
        return check(f, inputs, 1e-2, 1e-3, 1e-2, 64, 7L);
    }

    private static double lossOf(Function<Tensor[], Tensor[]> f, Tensor[] inputs, List<float[]> seeds) {
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            Tensor[] outs = f.apply(inputs);
            double l = 0;
            for (int o = 0; o < outs.length; o++) {
                float[] y = outs[o].data();
                float[] s = seeds.get(o);
                for (int i = 0; i < y.length; i++) {
                    l += (double) y[i] * s[i];
                }
            }
            return l;
        }
    }

    /** A tensor of uniform values in [lo, hi), marked as requiring a gradient. */
    public static Tensor randomInput(Rng rng, float lo, float hi, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.uniform(lo, hi);
        }
        return t.requiresGrad(true);
    }
}
