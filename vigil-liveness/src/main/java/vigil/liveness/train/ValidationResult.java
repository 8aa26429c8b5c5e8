package vigil.liveness.train;

import java.util.LinkedHashMap;
import java.util.Map;
import vigil.liveness.metrics.PadMetrics;

/**
 * One pass over the validation source with the model in evaluation mode.
 *
 * @param loss     mean of the per-batch losses weighted by batch size
 * @param accuracy share of correct predictions
 * @param pad      the ISO/IEC 30107-3 metrics at threshold 0.5, or null when the objective gives no live scores
 */
public record ValidationResult(double loss, double accuracy, int samples, PadMetrics pad) {

    /** Flat "val_*" entries for the metrics log (NaN becomes null there). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("val_loss", loss);
        m.put("val_accuracy", accuracy);
        m.put("val_samples", samples);
        if (pad != null) {
            m.put("val_apcer", pad.apcer());
            m.put("val_bpcer", pad.bpcer());
            m.put("val_acer", pad.acer());
            m.put("val_eer", pad.eer());
            m.put("val_auc", pad.auc());
        }
        return m;
    }
}
