package vigil.tensor.loss;

import java.util.Arrays;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;

/**
 * The shared tail of the elementwise losses (mse, l1, smooth l1, bce, focal): given each element's
 * loss and its derivatives with respect to input and target, reduce and record one autograd node
 * whose backward scales the stored derivatives by the upstream gradient.
 */
final class PointwiseReduction {
    private PointwiseReduction() {
    }

    /** input and target must have one shape: a silent broadcast there is almost always a bug. */
    static void requireSameShape(String op, Tensor input, Tensor target) {
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new ShapeException(op + ": input " + Shape.str(input.shape()) + " and target "
                    + Shape.str(target.shape()) + " must have the same shape");
        }
    }

    /**
     * @param elementLoss per-element loss, input's shape
     * @param dInput      d elementLoss[i] / d input[i]
     * @param dTarget     d elementLoss[i] / d target[i], or null when the target takes no gradient
     */
    static Tensor reduce(String op, Tensor input, Tensor target, float[] elementLoss, float[] dInput,
                         float[] dTarget, Reduction reduction) {
        int n = elementLoss.length;
        Tensor out = switch (reduction) {
            case NONE -> Tensor.of(elementLoss, input.shape());
            case SUM -> Tensor.scalar((float) sum(elementLoss));
            case MEAN -> Tensor.scalar((float) (sum(elementLoss) / n));
        };
        Tensor[] inputs = dTarget == null ? new Tensor[] {input} : new Tensor[] {input, target};
        return Autograd.record(op, out, g -> {
            if (input.requiresGrad()) {
                input.accumulateGrad(scaled(dInput, g, reduction, n));
            }
            if (dTarget != null && target.requiresGrad()) {
                target.accumulateGrad(scaled(dTarget, g, reduction, n));
            }
        }, inputs);
    }

    static double sum(float[] v) {
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
