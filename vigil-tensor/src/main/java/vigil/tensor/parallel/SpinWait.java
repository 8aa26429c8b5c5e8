package vigil.tensor.parallel;

/**
 * How the engine's threads wait for one another's progress: PAUSE for a while, then give the core away. A
 * partner is usually microseconds from done (load imbalance); when it has lost its core to another process, a
 * spinning waiter would keep it off for a whole scheduler quantum, so after the spins each check yields.
 */
public final class SpinWait {
    // About 1000 PAUSEs (some tens of microseconds): longer than a step's imbalance, far shorter than a quantum.
    private static final int SPINS_BEFORE_YIELD = 1000;

    private SpinWait() {
    }

    /** One wait of a loop that has already waited `spins` times. */
    public static void pause(int spins) {
        if (spins < SPINS_BEFORE_YIELD) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
    }
}
