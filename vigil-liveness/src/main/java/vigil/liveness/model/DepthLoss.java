package vigil.liveness.model;

import java.util.Locale;

/** The per-pixel loss of the depth map: squared (MSE) or absolute (L1) error. */
public enum DepthLoss {
    MSE,
    L1;

    public static DepthLoss parse(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "mse", "l2" -> MSE;
            case "l1", "mae" -> L1;
            default -> throw new IllegalArgumentException("unknown depth loss '" + word + "' (mse or l1)");
        };
    }
}
