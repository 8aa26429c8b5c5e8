package vigil.liveness.metrics;

/**
 * One scored presentation: a higher score means more live. A live (bona fide) sample has the attack type
 * "" ; an attack has the name of its presentation attack instrument species (e.g. "print", "replay").
 */
public record ScoredSample(double score, boolean live, String attackType) {

    /** The type that attacks without a named type are counted under. */
    public static final String UNSPECIFIED_ATTACK = "unspecified";

    public ScoredSample {
        if (Double.isNaN(score) || Double.isInfinite(score)) {
            // A NaN has no place in the score order and an infinite score defeats the +infinity threshold
            // that every sweep relies on to reject everything.
            throw new IllegalArgumentException("ScoredSample: score must be finite, got " + score);
        }
        if (attackType == null) {
            throw new IllegalArgumentException("ScoredSample: attackType is null (use \"\" for live samples)");
        }
        if (live && !attackType.isEmpty()) {
            throw new IllegalArgumentException("ScoredSample: a live sample has no attack type, got '" + attackType + "'");
        }
        if (!live && attackType.isEmpty()) {
            attackType = UNSPECIFIED_ATTACK;
        }
    }

    public static ScoredSample live(double score) {
        return new ScoredSample(score, true, "");
    }

    public static ScoredSample attack(double score, String attackType) {
        return new ScoredSample(score, false, attackType);
    }
}
