package vigil.liveness.bench;

/**
 * One integer per benchmark sample that carries both labels through the loader (whose batches hold
 * a single int label per sample): 1 = live (the list files' live label, so the augmentation policy's
 * "spoof steps unless label 1" still holds), 0 = attack of no known family, 2 + f = attack of
 * {@link AttackFamily} ordinal f.
 */
public final class SampleCode {
    public static final int LIVE = 1;
    public static final int ATTACK_UNKNOWN = 0;
    private static final int FIRST_FAMILY = 2;

    private SampleCode() {
    }

    public static int of(BenchmarkSample s) {
        if (s.live()) {
            return LIVE;
        }
        int family = AttackFamily.indexOf(s.attackType());
        return family == AttackFamily.NONE ? ATTACK_UNKNOWN : FIRST_FAMILY + family;
    }

    public static boolean isLive(long code) {
        check(code);
        return code == LIVE;
    }

    /** The family class, or {@link AttackFamily#NONE} for live samples and attacks of no known family. */
    public static int family(long code) {
        check(code);
        return code >= FIRST_FAMILY ? (int) code - FIRST_FAMILY : AttackFamily.NONE;
    }

    private static void check(long code) {
        if (code < 0 || code >= FIRST_FAMILY + AttackFamily.count()) {
            throw new IllegalArgumentException("SampleCode: " + code + " is not a benchmark sample code (0 .. "
                    + (FIRST_FAMILY + AttackFamily.count() - 1) + ")");
        }
    }
}
