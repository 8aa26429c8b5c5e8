package vigil.tensor.reference;

/**
 * A row-major shape seen as [outer, size, inner] around one dimension: outer * inner lines of size
 * elements, element k of line (o, i) at flat index (o * size + k) * inner + i. The references that
 * work along a dimension (reductions, softmax) walk these lines.
 */
record AxisLines(int outer, int size, int inner) {

    /** dim may be negative (counted from the end), as in PyTorch. */
    static AxisLines of(int[] shape, int dim) {
        int d = dim < 0 ? dim + shape.length : dim;
        return new AxisLines(product(shape, 0, d), shape[d], product(shape, d + 1, shape.length));
    }

    /** Flat index of element k of line (o, i). */
    int at(int o, int k, int i) {
        return (o * size + k) * inner + i;
    }

    private static int product(int[] shape, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            p *= shape[i];
        }
        return p;
    }
}
