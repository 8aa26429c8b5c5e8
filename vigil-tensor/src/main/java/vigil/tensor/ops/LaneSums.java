package vigil.tensor.ops;

/**
 * One sum kept per vector lane in double over the planes of a channel (batch norm, PReLU): the caller stores
 * each plane's float lane sums into {@link #plane} ({@code FloatVector.intoArray}, at the call site, since a
 * vector handed to a method the JIT does not inline is boxed on the heap) and calls {@link #addPlane}; the
 * lanes are independent additions, so a plane ends in no chain of dependent adds. {@link #total} adds the
 * lanes in order. The bits are those of widening every lane to double and adding lane by lane over the planes.
 *
 * <p>The widening once ran as {@code DoubleVector} adds of the two converted halves; in the training step the
 * JIT left those unintrinsified in the larger kernels and boxed them (JFR: 90 MB of garbage a step).
 */
final class LaneSums {
    /** The current plane's lane sums, written by the caller before {@link #addPlane}. */
    final float[] plane;
    private final double[] sums;

    LaneSums(int lanes) {
        plane = new float[lanes];
        sums = new double[lanes];
    }

    void addPlane() {
        for (int lane = 0; lane < plane.length; lane++) {
            sums[lane] += plane[lane];
        }
    }

    double total() {
        double sum = 0;
        for (double s : sums) {
            sum += s;
        }
        return sum;
    }
}
