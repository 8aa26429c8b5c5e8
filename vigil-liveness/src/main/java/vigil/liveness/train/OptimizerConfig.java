package vigil.liveness.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vigil.tensor.Tensor;
import vigil.tensor.optim.Adam;
import vigil.tensor.optim.AdamW;
import vigil.tensor.optim.Optimizer;
import vigil.tensor.optim.Sgd;

/**
 * The optimizer section of a {@link TrainConfig}: {"type": "sgd"|"adam"|"adamw", "lr", and the
 * type's own keys}. SGD takes momentum (0), dampening (0), nesterov (false), weight_decay (0);
 * Adam and AdamW take betas ([0.9, 0.999]), eps (1e-8), weight_decay (0; AdamW 0.01, as torch),
 * amsgrad (false). Keys of the other type are rejected.
 */
public record OptimizerConfig(Kind type, double lr, double momentum, double dampening, boolean nesterov,
                              double weightDecay, double beta1, double beta2, double eps, boolean amsgrad) {

    public enum Kind { SGD, ADAM, ADAMW }

    static OptimizerConfig read(ConfigFields f) {
        Kind type = f.choice("type", Kind.class, null);
        if (type == null) {
            throw f.error("type", "is required (sgd, adam or adamw)");
        }
        double lr = f.number("lr");
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw f.error("lr", "must be finite and > 0, got " + lr);
        }
        OptimizerConfig c;
        if (type == Kind.SGD) {
            c = new OptimizerConfig(type, lr, f.number("momentum", 0), f.number("dampening", 0),
                    f.bool("nesterov", false), f.number("weight_decay", 0), 0.9, 0.999, 1e-8, false);
        } else {
            double[] betas = f.numbers("betas", 2, new double[] {0.9, 0.999});
            c = new OptimizerConfig(type, lr, 0, 0, false, f.number("weight_decay", type == Kind.ADAMW ? 0.01 : 0),
                    betas[0], betas[1], f.number("eps", 1e-8), f.bool("amsgrad", false));
        }
        f.rejectUnread();
        return c;
    }

    /** The optimizer over params (in the order their state is saved). */
    public Optimizer build(List<Tensor> params) {
        return switch (type) {
            case SGD -> new Sgd(params, lr, momentum, dampening, weightDecay, nesterov);
            case ADAM -> new Adam(params, lr, beta1, beta2, eps, weightDecay, amsgrad);
            case ADAMW -> new AdamW(params, lr, beta1, beta2, eps, weightDecay, amsgrad);
        };
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type.name().toLowerCase(java.util.Locale.ROOT));
        m.put("lr", lr);
        if (type == Kind.SGD) {
            m.put("momentum", momentum);
            m.put("dampening", dampening);
            m.put("nesterov", nesterov);
        } else {
            m.put("betas", List.of(beta1, beta2));
            m.put("eps", eps);
            m.put("amsgrad", amsgrad);
        }
        m.put("weight_decay", weightDecay);
        return m;
    }
}
