package vigil.tensor.loss;

import vigil.tensor.Tensor;

/**
 * How the class-index losses (cross-entropy, softmax focal) fold their per-position losses, and
 * what share of the upstream gradient each position gets back. Both divide MEAN by a denominator of
 * their own (cross-entropy: the summed target weights; focal: the count of positions not ignored),
 * so the caller passes it in. Sums and the division are in double, the result cast once to float.
 */
final class ClassLossReduction {
    private ClassLossReduction() {
    }

    // perPosition: the layout's target shape; total: its sum in double -> [] or the target shape (NONE)
    static Tensor reduce(Reduction reduction, ClassLayout layout, float[] perPosition, double total,
                         double meanDenominator) {
        return switch (reduction) {
            case NONE -> Tensor.of(perPosition, layout.targetShape());
            case SUM -> Tensor.scalar((float) total);
            case MEAN -> Tensor.scalar((float) (total / meanDenominator));
        };
    }

    /** d out / d loss[p] times the upstream gradient g (g is [] unless NONE). */
    static double upstream(Reduction reduction, float[] g, int p, double meanDenominator) {
        return switch (reduction) {
            case NONE -> g[p];
            case SUM -> g[0];
            case MEAN -> g[0] / meanDenominator;
        };
    }
}
