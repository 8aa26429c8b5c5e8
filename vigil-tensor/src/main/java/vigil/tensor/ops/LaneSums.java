package vigil.tensor.ops;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * One sum kept per vector lane in double over the planes of a channel (batch norm, PReLU): the caller stores
 * each plane's float lane sums into {@link #plane} ({@code FloatVector.intoArray}, at the call site, since a
 * vector handed to a method the JIT does not inline is boxed on the heap: an {@code add(FloatVector)} here, tried
 * on 2026-11-29, took a training step from 5.8 to 41-59 MB allocated) and calls {@link #addPlane}; the
 * lanes are independent additions, so a plane ends in no chain of dependent adds. {@link #total} adds the
 * lanes in order. The bits are those of widening every lane to double and adding lane by lane over the planes.
 *
 * <p>The widening once ran as {@code DoubleVector} adds of the two converted halves; in the training step the
 * JIT left those unintrinsified in the larger kernels and boxed them (176 against 57 MB allocated a step).
 */
final class LaneSums {
    private static final int LANES = FloatVector.SPECIES_PREFERRED.length();
    // three per thread: the most one kernel sums at once (PReLU's slope, the two batch-norm sums)
    private static final ThreadLocal<LaneSums[]> PER_THREAD =
            ThreadLocal.withInitial(() -> new LaneSums[] {new LaneSums(), new LaneSums(), new LaneSums()});

    /** The current plane's lane sums (one per lane of the preferred float species), written by the caller. */
    final float[] plane = new float[LANES];
    private final double[] sums = new double[LANES];

    private LaneSums() {
    }

    /**
     * This thread's sums number slot (0, 1 or 2), set to zero: a kernel takes them per channel instead of
     * allocating (a few thousand channels a training step).
     */
    static LaneSums zeroed(int slot) {
        LaneSums s = PER_THREAD.get()[slot];
        Arrays.fill(s.sums, 0.0);
        return s;
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
