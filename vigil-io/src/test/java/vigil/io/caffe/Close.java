package vigil.io.caffe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import vigil.tensor.Tensor;

/** Element-wise comparison against reference numbers that reports the worst element. */
final class Close {
    private Close() {
    }

    /** |actual - expected| <= atol + rtol |expected| everywhere, and equal shapes. */
    static void assertClose(Tensor expected, Tensor actual, double atol, double rtol, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        assertClose(expected.data(), actual.data(), atol, rtol, what);
    }

    static void assertClose(float[] expected, float[] actual, double atol, double rtol, String what) {
        if (expected.length != actual.length) {
            fail(what + ": " + actual.length + " values, expected " + expected.length);
        }
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs((double) actual[i] - expected[i]);
            double excess = err - (atol + rtol * Math.abs(expected[i]));
            if (Double.isNaN(actual[i]) != Double.isNaN(expected[i]) || excess > worstExcess) {
                worst = i;
                worstExcess = Double.isNaN(excess) ? Double.POSITIVE_INFINITY : excess;
            }
        }
        if (worst >= 0) {
            fail(what + ": element " + worst + " is " + actual[worst] + ", expected " + expected[worst]
                    + " (atol " + atol + ", rtol " + rtol + ")");
        }
    }

    /** The largest |actual - expected|, for messages. */
    static double maxAbsError(float[] expected, float[] actual) {
        double m = 0;
        for (int i = 0; i < expected.length; i++) {
            m = Math.max(m, Math.abs((double) actual[i] - expected[i]));
        }
        return m;
    }
}
