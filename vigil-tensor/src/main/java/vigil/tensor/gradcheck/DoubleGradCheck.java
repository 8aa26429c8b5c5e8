package vigil.tensor.gradcheck;

import java.util.Locale;
import java.util.function.Function;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;

/**
 * Gradient check in double precision. The engine runs the op in float32 and backpropagates
 * L = sum over outputs of sum(output * seed) with random seeds; an independent double-precision
 * reference of the same op ({@link DoubleReference}) gives the forward values and, by central
 * differences with step h = 1e-6, the exact-to-about-1e-9 derivatives of L. Both the engine's
 * forward and every element of every gradient are compared with the reference.
 *
 * <p>Tolerances: with double differences the numeric side is essentially exact, so what remains
 * is the engine's float32 rounding: about 1e-7 relative per operation, growing with the length of
 * the sums involved. The defaults (atol 1e-4, rtol 1e-3) allow sums of thousands of O(1) terms.
 * Inputs must keep a distance of more than h from kinks (relu at 0, max-pool ties), which is easy
 * at h = 1e-6.
 */
public final class DoubleGradCheck {
    public static final double STEP = 1e-6;

    private DoubleGradCheck() {
    }

    /** The outcome: the worst disagreement, its place, and how many values were compared. */
    public record Result(boolean passed, String worst, double worstExcess, int compared) {
        @Override
        public String toString() {
            return (passed ? "passed" : "FAILED") + " (" + compared + " values; worst " + worst + ")";
        }
    }

    public static Result check(Function<Tensor[], Tensor[]> engine, DoubleReference reference, Tensor... inputs) {
        return check(engine, reference, inputs, 1e-4, 1e-3, 11L);
    }

    public static Result check(Function<Tensor[], Tensor[]> engine, DoubleReference reference, Tensor[] inputs,
                               double atol, double rtol, long seed) {
        for (Tensor in : inputs) {
            in.zeroGrad();
        }
        Tensor[] outs = engine.apply(inputs);
        double[][] x = new double[inputs.length][];
        for (int k = 0; k < inputs.length; k++) {
            x[k] = toDouble(inputs[k]);
        }
        double[][] ref = reference.apply(copy(x));
        if (ref.length != outs.length) {
            throw new IllegalArgumentException("reference gives " + ref.length + " outputs, engine " + outs.length);
        }
        Rng rng = new Rng(seed);
        double[][] seeds = new double[outs.length][];
        Tensor loss = null;
        Tracker t = new Tracker(atol, rtol);
        for (int o = 0; o < outs.length; o++) {
            float[] y = outs[o].data();
            if (ref[o].length != y.length) {
                throw new IllegalArgumentException("output " + o + ": reference has " + ref[o].length
                        + " values, engine " + y.length);
            }
            for (int i = 0; i < y.length; i++) {
                t.compare("output " + o + "[" + i + "]", y[i], ref[o][i]);
            }
            float[] s = new float[y.length];
            seeds[o] = new double[y.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = rng.uniform(-1f, 1f);
                seeds[o][i] = s[i];
            }
            if (outs[o].requiresGrad()) {
                Tensor term = outs[o].mul(Tensor.of(s, outs[o].shape())).sum();
                loss = loss == null ? term : loss.add(term);
            }
        }
        if (loss != null) {
            loss.backward();
        }
        for (int k = 0; k < inputs.length; k++) {
            if (!inputs[k].requiresGrad()) {
                continue;
            }
            float[] analytic = inputs[k].gradArray() == null ? new float[x[k].length] : inputs[k].gradArray();
            for (int i = 0; i < x[k].length; i++) {
                double[][] plus = copy(x);
                double[][] minus = copy(x);
                plus[k][i] += STEP;
                minus[k][i] -= STEP;
                double numeric = (weighted(reference.apply(plus), seeds) - weighted(reference.apply(minus), seeds))
                        / (2 * STEP);
                t.compare("d/d input " + k + "[" + i + "]", analytic[i], numeric);
            }
        }
        return new Result(t.excess <= 0, t.worst, t.excess, t.count);
    }

    private static final class Tracker {
        final double atol;
        final double rtol;
        double excess = Double.NEGATIVE_INFINITY;
        String worst = "none";
        int count;

        Tracker(double atol, double rtol) {
            this.atol = atol;
            this.rtol = rtol;
        }

        void compare(String what, double engine, double reference) {
            count++;
            double e = Math.abs(engine - reference) - (atol + rtol * Math.abs(reference));
            if (Double.isNaN(e)) {
                e = Double.POSITIVE_INFINITY;
            }
            if (e > excess) {
                excess = e;
                worst = String.format(Locale.ROOT, "%s: engine %.9g, reference %.9g", what, engine, reference);
            }
        }
    }

    private static double weighted(double[][] outs, double[][] seeds) {
        double l = 0;
        for (int o = 0; o < outs.length; o++) {
            for (int i = 0; i < outs[o].length; i++) {
                l += outs[o][i] * seeds[o][i];
            }
        }
        return l;
    }

    private static double[] toDouble(Tensor t) {
        if (t.dtype() == vigil.tensor.DType.INT64) {
            long[] l = t.longs();
            double[] d = new double[l.length];
            for (int i = 0; i < l.length; i++) {
                d[i] = l[i];
            }
            return d;
        }
        float[] f = t.data();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static double[][] copy(double[][] x) {
        double[][] c = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            c[i] = x[i].clone();
        }
        return c;
    }
}
