package vigil.tensor.autograd;

/**
 * The gradient rule of one op invocation: given d loss / d output for each output (logical order,
 * never null: outputs no gradient reached arrive as zeros), accumulate d loss / d input into every
 * input that requires a gradient.
 */
@FunctionalInterface
public interface Backward {
    void apply(float[][] gradOutputs);
}
