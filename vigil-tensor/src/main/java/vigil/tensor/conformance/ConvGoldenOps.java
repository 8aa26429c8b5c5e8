package vigil.tensor.conformance;

import java.util.Map;
import vigil.tensor.Tensor;
import vigil.tensor.ops.BatchNormOp;
import vigil.tensor.ops.Conv2dOp;

/** Golden adapters for conv2d and batch_norm2d. */
final class ConvGoldenOps {
    private ConvGoldenOps() {
    }

    static void register(Map<String, GoldenOp> ops) {
        ops.put("conv2d", (in, a) -> Map.of("y", Conv2dOp.conv2d(GoldenOp.input(in, "x", a),
                GoldenOp.input(in, "weight", a), in.get("bias"), a.getPair("stride", 1), a.getPair("padding", 0),
                a.getPair("dilation", 1), a.getInt("groups", 1))));
        ops.put("batch_norm2d", ConvGoldenOps::batchNorm);
    }

    // the running stats are updated in place, so after the op the input tensors hold the new values
    private static Map<String, Tensor> batchNorm(Map<String, Tensor> in, Attrs a) {
        Tensor runningMean = GoldenOp.input(in, "running_mean", a);
        Tensor runningVar = GoldenOp.input(in, "running_var", a);
        Tensor y = BatchNormOp.batchNorm(GoldenOp.input(in, "x", a), in.get("weight"), in.get("bias"),
                runningMean, runningVar, a.getBool("training", false), a.getDouble("momentum", 0.1),
                a.getDouble("eps", 1e-5));
        return Map.of("y", y, "running_mean", runningMean, "running_var", runningVar);
    }
}
