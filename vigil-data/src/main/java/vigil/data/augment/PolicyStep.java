package vigil.data.augment;

/** One line of a policy: for samples matching {@code when}, apply {@code op} with this probability. */
public record PolicyStep(LabelCondition when, AugmentOp op, float probability) {
    public PolicyStep {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException(op.name() + ": probability " + probability + " outside 0..1");
        }
    }
}
