package vigil.tensor.reference;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import vigil.tensor.gradcheck.DoubleReference;
import vigil.tensor.init.Rng;

/**
 * Double-precision elementwise arithmetic: binary ops under NumPy broadcasting (shapes aligned at
 * the right, a size-1 or missing dimension repeats), unary maps, and inverted dropout replaying the
 * engine's mask from a generator with the same seed.
 */
final class ElementwiseReference {
    private ElementwiseReference() {
    }

    /** Inputs {a, b} of shapes aShape and bShape; output their broadcast shape, y = f(a, b). */
    static DoubleReference broadcast(int[] aShape, int[] bShape, DoubleBinaryOperator f) {
        int rank = Math.max(aShape.length, bShape.length);
        int[] a = padLeft(aShape, rank);
        int[] b = padLeft(bShape, rank);
        int[] out = new int[rank];
        int count = 1;
        for (int d = 0; d < rank; d++) {
            out[d] = Math.max(a[d], b[d]);
            count *= out[d];
        }
        int total = count;
        return in -> {
            double[] y = new double[total];
            int[] index = new int[rank];
            for (int i = 0; i < total; i++) {
                int rest = i;
                for (int d = rank - 1; d >= 0; d--) {
                    index[d] = rest % out[d];
                    rest /= out[d];
                }
                y[i] = f.applyAsDouble(in[0][flatIndex(index, a)], in[1][flatIndex(index, b)]);
            }
            return new double[][] {y};
        };
    }

    /** Inputs {x}; y = f(x) elementwise. */
    static DoubleReference map(DoubleUnaryOperator f) {
        return in -> {
            double[] y = new double[in[0].length];
            for (int i = 0; i < y.length; i++) {
                y[i] = f.applyAsDouble(in[0][i]);
            }
            return new double[][] {y};
        };
    }

    /**
     * Inputs {x}; training-mode inverted dropout: element i (row-major order) is kept, scaled by
     * 1 / (1 - p), when the i-th float drawn from Rng(seed) is at least p, and zeroed otherwise.
     */
    static DoubleReference dropout(float p, long seed) {
        return in -> {
            Rng rng = new Rng(seed);
            double[] y = new double[in[0].length];
            for (int i = 0; i < y.length; i++) {
                boolean keep = rng.nextFloat() >= p;
                y[i] = keep ? in[0][i] / (1 - (double) p) : 0;
            }
            return new double[][] {y};
        };
    }

    /** Row-major index into a tensor of shape s (already padded to the index's rank), broadcasting size-1 dims. */
    private static int flatIndex(int[] index, int[] s) {
        int at = 0;
        for (int d = 0; d < s.length; d++) {
            at = at * s[d] + (s[d] == 1 ? 0 : index[d]);
        }
        return at;
    }

    private static int[] padLeft(int[] shape, int rank) {
        int[] p = new int[rank];
        Arrays.fill(p, 1);
        System.arraycopy(shape, 0, p, rank - shape.length, shape.length);
        return p;
    }
}
