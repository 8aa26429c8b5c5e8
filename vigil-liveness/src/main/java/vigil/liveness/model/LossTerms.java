package vigil.liveness.model;

import vigil.tensor.Tensor;

/**
 * The unweighted terms of a multi-task loss and their weighted sum, each a scalar tensor recorded for
 * backward; a term the batch or the model lacks (no head, no labelled sample) is null.
 */
public record LossTerms(Tensor live, Tensor spoofType, Tensor fourier, Tensor depth, Tensor total) {

    /** A term's value, NaN when absent (for logs). */
    public static double value(Tensor term) {
        return term == null ? Double.NaN : term.item();
    }
}
