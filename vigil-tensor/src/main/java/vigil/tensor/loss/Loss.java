package vigil.tensor.loss;

import vigil.tensor.Tensor;

/** A training criterion: (prediction, target) -> loss, recorded as one autograd node. */
@FunctionalInterface
public interface Loss {
    Tensor apply(Tensor input, Tensor target);
}
