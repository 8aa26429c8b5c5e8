package vigil.data.augment;

/** What one policy step did to a sample: the op's name and its drawn parameters. */
public record AppliedOp(String op, OpParams params) {
    @Override
    public String toString() {
        return op + " " + params;
    }
}
