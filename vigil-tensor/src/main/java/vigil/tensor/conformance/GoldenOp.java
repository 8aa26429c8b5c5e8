package vigil.tensor.conformance;

import java.util.Map;
import vigil.tensor.Tensor;

/**
 * Runs one golden-format op through the engine: from the case's inputs (by their PyTorch names,
 * float inputs already marked as requiring gradients) to its outputs by name.
 */
@FunctionalInterface
public interface GoldenOp {
    Map<String, Tensor> run(Map<String, Tensor> inputs, Attrs attrs);

    /** The named input, or an error naming the op and the missing input. */
    static Tensor input(Map<String, Tensor> inputs, String name, Attrs attrs) {
        Tensor t = inputs.get(name);
        if (t == null) {
            throw new IllegalArgumentException("op " + attrs.op() + ": missing input '" + name + "' (have "
                    + inputs.keySet() + ")");
        }
        return t;
    }
}
