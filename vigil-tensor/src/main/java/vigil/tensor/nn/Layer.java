package vigil.tensor.nn;

import vigil.tensor.Tensor;

/** A module with one input and one output, so layers compose in a {@link Sequential}. */
public interface Layer {
    Tensor forward(Tensor x);
}
