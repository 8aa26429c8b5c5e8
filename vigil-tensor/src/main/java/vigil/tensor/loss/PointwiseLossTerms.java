package vigil.tensor.loss;

import java.util.Arrays;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;

/**
 * The skeleton every elementwise loss (mse, l1, smooth l1, bce, focal) shares: check that input and
 * target agree in shape, hand the loss one buffer per quantity (each element's loss and its
 * derivatives with respect to input and target), and, once the loss's own loop has filled them,
 * reduce and record one autograd node whose backward scales the stored derivatives by the upstream
 * gradient. The loop itself stays in each loss, so its formula reads top to bottom.
 *
 * <p>Shapes: x, t, loss, dx, dt are all [n], the input's elements in row-major order.
 */
final class PointwiseLossTerms {
    final float[] x;
    final float[] t;
    /** Per-element loss, input's shape. */
    final float[] loss;
    /** d loss[i] / d input[i]. */
    final float[] dx;
    /** d loss[i] / d target[i]. */
    final float[] dt;
    final int n;
    private final String op;
    private final Tensor input;
    private final Tensor target;

    private PointwiseLossTerms(String op, Tensor input, Tensor target) {
        this.op = op;
        this.input = input;
        this.target = target;
        this.x = input.data();
        this.t = target.data();
        this.n = x.length;
        this.loss = new float[n];
        this.dx = new float[n];
        this.dt = new float[n];
    }

    /** Empty terms for input and target, which must have one shape: a silent broadcast there is almost always a bug. */
    static PointwiseLossTerms of(String op, Tensor input, Tensor target) {
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new ShapeException(op + ": input " + Shape.str(input.shape()) + " and target "
                    + Shape.str(target.shape()) + " must have the same shape");
        }
        return new PointwiseLossTerms(op, input, target);
    }

    /** The filled terms reduced: [] or the input's shape (NONE); input and target both take gradients. */
    Tensor reduce(Reduction reduction) {
        Tensor out = switch (reduction) {
            case NONE -> Tensor.of(loss, input.shape());
            case SUM -> Tensor.scalar((float) sum(loss));
            case MEAN -> Tensor.scalar((float) (sum(loss) / n));
        };
        return Autograd.record(op, out, g -> {
            if (input.requiresGrad()) {
                input.accumulateGrad(scaled(dx, g, reduction, n));
            }
            if (target.requiresGrad()) {
                target.accumulateGrad(scaled(dt, g, reduction, n));
            }
        }, input, target);
    }

    private static double sum(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }

    private static float[] scaled(float[] d, float[] g, Reduction reduction, int n) {
        float[] out = new float[d.length];
        if (reduction == Reduction.NONE) {
            for (int i = 0; i < d.length; i++) {
                out[i] = d[i] * g[i];
            }
            return out;
        }
        float coef = reduction == Reduction.SUM ? g[0] : (float) ((double) g[0] / n);
        for (int i = 0; i < d.length; i++) {
            out[i] = d[i] * coef;
        }
        return out;
    }
}
