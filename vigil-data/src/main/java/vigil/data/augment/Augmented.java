package vigil.data.augment;

import java.util.List;
import java.util.Optional;
import vigil.data.image.BgrImage;

/** An augmented sample: the image, its moved dense target if it had one, and every op applied, in order. */
public record Augmented(BgrImage image, Optional<DenseMap> target, List<AppliedOp> applied) {
    public Augmented {
        applied = List.copyOf(applied);
    }

    /** The op names joined by '+', or "original" when nothing fired (for labels and logs). */
    public String summary() {
        if (applied.isEmpty()) {
            return "original";
        }
        StringBuilder b = new StringBuilder();
        for (AppliedOp a : applied) {
            b.append(b.isEmpty() ? "" : "+").append(a.op());
        }
        return b.toString();
    }
}
