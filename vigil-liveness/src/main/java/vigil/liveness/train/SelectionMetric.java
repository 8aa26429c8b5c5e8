package vigil.liveness.train;

/**
 * What picks best.safetensors: a validation number and whether smaller or larger is better. The
 * PAD metrics exist only when the objective yields live scores; where a value is NaN the
 * checkpoint never counts as better.
 */
public enum SelectionMetric {
    VAL_LOSS(false),
    VAL_ACCURACY(true),
    VAL_ACER(false),
    VAL_EER(false),
    VAL_AUC(true);

    private final boolean maximize;

    SelectionMetric(boolean maximize) {
        this.maximize = maximize;
    }

    public boolean maximize() {
        return maximize;
    }

    /** The config and log name, e.g. "val_loss". */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public double of(ValidationResult r) {
        return switch (this) {
            case VAL_LOSS -> r.loss();
            case VAL_ACCURACY -> r.accuracy();
            case VAL_ACER -> r.pad() == null ? Double.NaN : r.pad().acer();
            case VAL_EER -> r.pad() == null ? Double.NaN : r.pad().eer();
            case VAL_AUC -> r.pad() == null ? Double.NaN : r.pad().auc();
        };
    }

    /** True when value improves on best (NaN best means none yet; a NaN value never improves). */
    public boolean improves(double value, double best) {
        if (Double.isNaN(value)) {
            return false;
        }
        return Double.isNaN(best) || (maximize ? value > best : value < best);
    }
}
