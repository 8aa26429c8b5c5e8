package vigil.tensor.ops;

import java.util.Arrays;
import vigil.tensor.BufferPool;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;

/** Broadcasting binary arithmetic and elementwise math, each with its gradient rule. */
public final class Elementwise {
    private Elementwise() {
    }

    private enum Binary { ADD, SUB, MUL, DIV }

    public static Tensor add(Tensor a, Tensor b) {
        return binary("add", Binary.ADD, a, b);
    }

    public static Tensor sub(Tensor a, Tensor b) {
        return binary("sub", Binary.SUB, a, b);
    }

    public static Tensor mul(Tensor a, Tensor b) {
        return binary("mul", Binary.MUL, a, b);
    }

    public static Tensor div(Tensor a, Tensor b) {
        return binary("div", Binary.DIV, a, b);
    }

    private static Tensor binary(String op, Binary kind, Tensor a, Tensor b) {
        int[] as = a.shape();
        int[] bs = b.shape();
        int[] os;
        try {
            os = Shape.broadcast(as, bs);
        } catch (ShapeException e) {
            throw new ShapeException(op + ": " + e.getMessage());
        }
        float[] x = Broadcast.expand(a.data(), as, os);
        float[] y = Broadcast.expand(b.data(), bs, os);
        float[] out = BufferPool.take(x.length); // every element is written below
        switch (kind) {
            case ADD -> { for (int i = 0; i < out.length; i++) out[i] = x[i] + y[i]; }
            case SUB -> { for (int i = 0; i < out.length; i++) out[i] = x[i] - y[i]; }
            case MUL -> { for (int i = 0; i < out.length; i++) out[i] = x[i] * y[i]; }
            case DIV -> { for (int i = 0; i < out.length; i++) out[i] = x[i] / y[i]; }
        }
        Tensor result = Tensor.of(out, os);
        return Autograd.record(op, result, g -> {
            if (kind == Binary.ADD) {
                // b's share is copied first; then a takes the upstream buffer itself where the output lets go of
                // it (a residual connection's two branches: one full-size copy per add fewer in the backward)
                if (b.requiresGrad()) {
                    b.accumulateGrad(Broadcast.reduceTo(g, os, bs));
                }
                if (a.requiresGrad()) {
                    float[] own = Arrays.equals(as, os) ? result.handOverGrad(g) : null;
                    if (own != null) {
                        a.accumulateGradOwned(own);
                    } else {
                        a.accumulateGrad(Broadcast.reduceTo(g, os, as));
                    }
                }
                return;
            }
            float[] ga = null;
            float[] gb = null;
            switch (kind) {
                case SUB -> { ga = g; gb = scaled(g, -1f); }
                case MUL -> { ga = times(g, y); gb = times(g, x); }
                case DIV -> {
                    ga = new float[g.length];
                    gb = new float[g.length];
                    for (int i = 0; i < g.length; i++) {
                        ga[i] = g[i] / y[i];
                        gb[i] = -g[i] * x[i] / (y[i] * y[i]);
                    }
                }
            }
            if (a.requiresGrad()) {
                a.accumulateGrad(Broadcast.reduceTo(ga, os, as));
            }
            if (b.requiresGrad()) {
                b.accumulateGrad(Broadcast.reduceTo(gb, os, bs));
            }
        }, a, b);
    }

    public static Tensor addScalar(Tensor a, float s) {
        float[] x = a.data();
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = x[i] + s;
        }
        return Autograd.record("add_scalar", Tensor.of(out, a.shape()), g -> a.accumulateGrad(g), a);
    }

    public static Tensor mulScalar(Tensor a, float s) {
        float[] x = a.data();
        float[] out = scaled(x, s);
        return Autograd.record("mul_scalar", Tensor.of(out, a.shape()), g -> a.accumulateGrad(scaled(g, s)), a);
    }

    public static Tensor exp(Tensor a) {
        float[] x = a.data();
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.exp(x[i]);
        }
        return Autograd.record("exp", Tensor.of(out, a.shape()), g -> a.accumulateGrad(times(g, out)), a);
    }

    public static Tensor log(Tensor a) {
        float[] x = a.data();
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.log(x[i]);
        }
        return Autograd.record("log", Tensor.of(out, a.shape()), g -> {
            float[] ga = new float[g.length];
            for (int i = 0; i < g.length; i++) {
                ga[i] = g[i] / x[i];
            }
            a.accumulateGrad(ga);
        }, a);
    }

    public static Tensor sqrt(Tensor a) {
        float[] x = a.data();
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.sqrt(x[i]);
        }
        return Autograd.record("sqrt", Tensor.of(out, a.shape()), g -> {
            float[] ga = new float[g.length];
            for (int i = 0; i < g.length; i++) {
                ga[i] = g[i] * 0.5f / out[i];
            }
            a.accumulateGrad(ga);
        }, a);
    }

    public static Tensor pow(Tensor a, float p) {
        float[] x = a.data();
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.pow(x[i], p);
        }
        return Autograd.record("pow", Tensor.of(out, a.shape()), g -> {
            float[] ga = new float[g.length];
            for (int i = 0; i < g.length; i++) {
                ga[i] = g[i] * p * (float) Math.pow(x[i], p - 1);
            }
            a.accumulateGrad(ga);
        }, a);
    }

    /** |x|; the gradient at 0 is 0, as PyTorch's sign() gives. */
    public static Tensor abs(Tensor a) {
        float[] x = a.data();
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.abs(x[i]);
        }
        return Autograd.record("abs", Tensor.of(out, a.shape()), g -> {
            float[] ga = new float[g.length];
            for (int i = 0; i < g.length; i++) {
                ga[i] = g[i] * Math.signum(x[i]);
            }
            a.accumulateGrad(ga);
        }, a);
    }

    /** Clamps into [lo, hi]; the gradient passes where lo &lt;= x &lt;= hi. */
    public static Tensor clamp(Tensor a, float lo, float hi) {
        float[] x = a.data();
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.min(Math.max(x[i], lo), hi);
        }
        return Autograd.record("clamp", Tensor.of(out, a.shape()), g -> {
            float[] ga = new float[g.length];
            for (int i = 0; i < g.length; i++) {
                ga[i] = x[i] >= lo && x[i] <= hi ? g[i] : 0f;
            }
            a.accumulateGrad(ga);
        }, a);
    }

    static float[] scaled(float[] x, float s) {
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = x[i] * s;
        }
        return out;
    }

    static float[] times(float[] x, float[] y) {
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = x[i] * y[i];
        }
        return out;
    }
}
