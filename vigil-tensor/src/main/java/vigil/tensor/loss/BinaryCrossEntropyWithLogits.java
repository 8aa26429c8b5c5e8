package vigil.tensor.loss;

import java.util.Arrays;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;
import vigil.tensor.ops.Broadcast;

/**
 * Binary cross-entropy on logits, as torch.nn.functional.binary_cross_entropy_with_logits:
 * loss = w * [(1 - t) x + lw * softplus(-x)], lw = 1 + (pos_weight - 1) t, with softplus(-x)
 * computed as max(-x, 0) + log(1 + exp(-|x|)) so that no exp overflows.
 *
 * <p>Shapes: logits and target alike; weight and posWeight (either may be null) broadcast to them
 * (posWeight usually [C] against [N, C]). The logits and the target take gradients
 * (d/dx = w [(1 - t) - lw sigmoid(-x)], d/dt = w [-x + (pos_weight - 1) softplus(-x)]); weight and
 * posWeight are constants, as in PyTorch.
 */
public record BinaryCrossEntropyWithLogits(Reduction reduction, Tensor weight, Tensor posWeight) implements Loss {

    public BinaryCrossEntropyWithLogits(Reduction reduction) {
        this(reduction, null, null);
    }

    public static BinaryCrossEntropyWithLogits mean() {
        return new BinaryCrossEntropyWithLogits(Reduction.MEAN);
    }

    public BinaryCrossEntropyWithLogits withWeight(Tensor w) {
        return new BinaryCrossEntropyWithLogits(reduction, w, posWeight);
    }

    public BinaryCrossEntropyWithLogits withPosWeight(Tensor pw) {
        return new BinaryCrossEntropyWithLogits(reduction, weight, pw);
    }

    @Override
    public Tensor apply(Tensor logits, Tensor target) {
        String op = "bce_with_logits";
        PointwiseLossTerms terms = PointwiseLossTerms.of(op, logits, target);
        int[] shape = logits.shape();
        float[] w = expanded(op, "weight", weight, shape);
        float[] pw = expanded(op, "pos_weight", posWeight, shape);
        for (int i = 0; i < terms.n; i++) {
            double xi = terms.x[i];
            double ti = terms.t[i];
            double softplusNeg = Math.max(-xi, 0) + Math.log1p(Math.exp(-Math.abs(xi)));
            double sigmoidNeg = sigmoid(-xi);
            double posW = pw == null ? 1 : pw[i];
            double lw = 1 + (posW - 1) * ti;
            double wi = w == null ? 1 : w[i];
            terms.loss[i] = (float) (wi * ((1 - ti) * xi + lw * softplusNeg));
            terms.dx[i] = (float) (wi * ((1 - ti) - lw * sigmoidNeg));
            terms.dt[i] = (float) (wi * (-xi + (posW - 1) * softplusNeg));
        }
        return terms.reduce(reduction);
    }

    static double sigmoid(double v) {
        if (v >= 0) {
            return 1 / (1 + Math.exp(-v));
        }
        double e = Math.exp(v);
        return e / (1 + e);
    }

    /** The optional per-element factor broadcast to the input's shape, or null. */
    static float[] expanded(String op, String name, Tensor factor, int[] shape) {
        if (factor == null) {
            return null;
        }
        int[] fs = factor.shape();
        int[] joint;
        try {
            joint = Shape.broadcast(fs, shape);
        } catch (ShapeException e) {
            joint = null;
        }
        if (!Arrays.equals(joint, shape)) {
            throw new ShapeException(op + ": " + name + " " + Shape.str(fs) + " does not broadcast to input "
                    + Shape.str(shape));
        }
        return Broadcast.expand(factor.data(), fs, shape);
    }
}
