package vigil.tensor.parallel;

/** The body of a parallel loop: handles the indices [from, to) of its range, writing only what they own. */
@FunctionalInterface
public interface IntRangeBody {
    void run(int from, int to);
}
