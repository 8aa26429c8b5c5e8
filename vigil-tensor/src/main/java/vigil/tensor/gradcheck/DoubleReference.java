package vigil.tensor.gradcheck;

/**
 * An op written a second time, plainly and in double precision, as the oracle for
 * {@link DoubleGradCheck}: given the inputs (row-major, in the same order and shapes as the engine
 * call), return the outputs (row-major, same order and shapes as the engine's outputs).
 */
@FunctionalInterface
public interface DoubleReference {
    double[][] apply(double[][] inputs);
}
