package vigil.tensor.conformance;

import java.util.Map;
import vigil.tensor.Tensor;
import vigil.tensor.loss.BinaryCrossEntropyWithLogits;
import vigil.tensor.loss.CrossEntropy;
import vigil.tensor.loss.L1Loss;
import vigil.tensor.loss.MseLoss;
import vigil.tensor.loss.Reduction;
import vigil.tensor.loss.SmoothL1Loss;

/**
 * Golden adapters for the losses. Every loss reads attr reduction (default "mean") and writes output
 * "loss". cross_entropy: inputs logits, target (I64), optional weight; attrs label_smoothing,
 * ignore_index. bce_with_logits: logits, target, optional weight and pos_weight. mse_loss, l1_loss,
 * smooth_l1_loss: x, target; smooth_l1_loss reads attr beta (default 1).
 */
final class LossGoldenOps {
    private LossGoldenOps() {
    }

    static void register(Map<String, GoldenOp> ops) {
        ops.put("cross_entropy", (in, a) -> loss(new CrossEntropy(reduction(a), in.get("weight"),
                a.getDouble("label_smoothing", 0), a.getInt("ignore_index", (int) CrossEntropy.DEFAULT_IGNORE_INDEX))
                .apply(GoldenOp.input(in, "logits", a), GoldenOp.input(in, "target", a))));
        ops.put("bce_with_logits", (in, a) -> loss(new BinaryCrossEntropyWithLogits(reduction(a), in.get("weight"),
                in.get("pos_weight")).apply(GoldenOp.input(in, "logits", a), GoldenOp.input(in, "target", a))));
        ops.put("mse_loss", (in, a) -> loss(new MseLoss(reduction(a)).apply(x(in, a), target(in, a))));
        ops.put("l1_loss", (in, a) -> loss(new L1Loss(reduction(a)).apply(x(in, a), target(in, a))));
        ops.put("smooth_l1_loss", (in, a) -> loss(new SmoothL1Loss(reduction(a), a.getDouble("beta", 1.0))
                .apply(x(in, a), target(in, a))));
    }

    private static Map<String, Tensor> loss(Tensor loss) {
        return Map.of("loss", loss);
    }

    private static Reduction reduction(Attrs a) {
        return Reduction.parse(a.getString("reduction", "mean"));
    }

    private static Tensor x(Map<String, Tensor> in, Attrs a) {
        return GoldenOp.input(in, "x", a);
    }

    private static Tensor target(Map<String, Tensor> in, Attrs a) {
        return GoldenOp.input(in, "target", a);
    }
}
