package vigil.tensor.autograd;

import vigil.tensor.Tensor;

/** One recorded op invocation on the tape: what it read, what it produced, and its gradient rule. */
public record GradNode(String op, Tensor[] inputs, Tensor[] outputs, Backward backward) {
}
