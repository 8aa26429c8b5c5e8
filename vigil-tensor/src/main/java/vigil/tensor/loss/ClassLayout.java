package vigil.tensor.loss;

import java.util.Arrays;
import vigil.tensor.DType;
import vigil.tensor.Shape;
import vigil.tensor.ShapeException;
import vigil.tensor.Tensor;

/**
 * Geometry of a class-scored input as PyTorch's classification losses read it: logits
 * [N, C, d1, ...] (or [C]) with int64 targets [N, d1, ...] (or []). A "position" is one (n, d...)
 * cell; the score of class c at position p = n * inner + s sits at (n * C + c) * inner + s.
 */
record ClassLayout(int batch, int classes, int inner, int[] targetShape) {

    static ClassLayout of(String op, Tensor logits, Tensor target) {
        int[] ls = logits.shape();
        if (ls.length == 0) {
            throw new ShapeException(op + ": logits must be [C] or [N, C, ...], got a scalar");
        }
        if (target.dtype() != DType.INT64) {
            throw new ShapeException(op + ": target must hold int64 class indices, got " + target.dtype() + " "
                    + Shape.str(target.shape()));
        }
        int[] expected;
        int batch;
        int classes;
        int inner = 1;
        if (ls.length == 1) {
            batch = 1;
            classes = ls[0];
            expected = new int[0];
        } else {
            batch = ls[0];
            classes = ls[1];
            expected = new int[ls.length - 1];
            expected[0] = batch;
            for (int d = 2; d < ls.length; d++) {
                expected[d - 1] = ls[d];
                inner *= ls[d];
            }
        }
        if (!Arrays.equals(target.shape(), expected)) {
            throw new ShapeException(op + ": logits " + Shape.str(ls) + " need target " + Shape.str(expected)
                    + ", got " + Shape.str(target.shape()));
        }
        return new ClassLayout(batch, classes, inner, expected);
    }

    int positions() {
        return batch * inner;
    }

    /** Flat index of class 0's score at position p; class c is c * inner further. */
    int base(int p) {
        return (p / inner) * classes * inner + p % inner;
    }

    /** log(sum_c exp(x_c)) at position p, shifted by the max, in double. */
    double logSumExp(float[] x, int p) {
        int b = base(p);
        float max = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, x[b + c * inner]);
        }
        if (max == Float.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += Math.exp((double) x[b + c * inner] - max);
        }
        return max + Math.log(sum);
    }

    /**
     * The target class of every position, checked against [0, C), or -1 where the target equals
     * ignoreIndex (such a position is not checked: PyTorch's ignore_index is usually -100).
     * targets: [positions] -> [positions].
     */
    int[] targetClasses(String op, long[] targets, long ignoreIndex) {
        int[] cls = new int[targets.length];
        for (int p = 0; p < targets.length; p++) {
            long t = targets[p];
            if (t == ignoreIndex) {
                cls[p] = -1;
                continue;
            }
            if (t < 0 || t >= classes) {
                throw new IllegalArgumentException(op + ": target " + t + " at position " + p + " is outside [0, "
                        + classes + ")");
            }
            cls[p] = (int) t;
        }
        return cls;
    }

    /** Class weights, checked to be [C], or null. */
    float[] classWeights(String op, String name, Tensor weight) {
        if (weight == null) {
            return null;
        }
        if (weight.rank() != 1 || weight.numel() != classes) {
            throw new ShapeException(op + ": " + name + " must be [" + classes + "], got " + Shape.str(weight.shape()));
        }
        return weight.data();
    }
}
