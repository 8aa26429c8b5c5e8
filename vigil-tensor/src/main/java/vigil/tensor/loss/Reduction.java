package vigil.tensor.loss;

import java.util.Locale;

/** How a loss folds its per-element values: PyTorch's reduction="mean" | "sum" | "none". */
public enum Reduction {
    MEAN,
    SUM,
    NONE;

    /** Parses PyTorch's spelling ("mean", "sum", "none"), case-insensitively. */
    public static Reduction parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "mean", "elementwise_mean" -> MEAN;
            case "sum" -> SUM;
            case "none" -> NONE;
            default -> throw new IllegalArgumentException("unknown reduction '" + name + "' (mean, sum or none)");
        };
    }
}
