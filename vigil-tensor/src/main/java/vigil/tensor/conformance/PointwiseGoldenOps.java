package vigil.tensor.conformance;

import java.util.Map;
import vigil.tensor.Tensor;
import vigil.tensor.ops.Activations;
import vigil.tensor.ops.MatMul;
import vigil.tensor.ops.Softmax;

/** Golden adapters for linear, activations and softmax. */
final class PointwiseGoldenOps {
    private PointwiseGoldenOps() {
    }

    static void register(Map<String, GoldenOp> ops) {
        ops.put("linear", (in, a) -> Map.of("y", MatMul.linear(GoldenOp.input(in, "x", a),
                GoldenOp.input(in, "weight", a), in.get("bias"))));
        ops.put("relu", (in, a) -> Map.of("y", Activations.relu(x(in, a))));
        ops.put("relu6", (in, a) -> Map.of("y", Activations.relu6(x(in, a))));
        ops.put("sigmoid", (in, a) -> Map.of("y", Activations.sigmoid(x(in, a))));
        ops.put("tanh", (in, a) -> Map.of("y", Activations.tanh(x(in, a))));
        ops.put("hardswish", (in, a) -> Map.of("y", Activations.hardswish(x(in, a))));
        ops.put("leaky_relu", (in, a) -> Map.of("y",
                Activations.leakyRelu(x(in, a), (float) a.getDouble("negative_slope", 0.01))));
        ops.put("prelu", (in, a) -> Map.of("y", Activations.prelu(x(in, a), GoldenOp.input(in, "weight", a))));
        ops.put("softmax", (in, a) -> Map.of("y", Softmax.softmax(x(in, a), a.getInt("dim"))));
        ops.put("log_softmax", (in, a) -> Map.of("y", Softmax.logSoftmax(x(in, a), a.getInt("dim"))));
    }

    private static Tensor x(Map<String, Tensor> in, Attrs a) {
        return GoldenOp.input(in, "x", a);
    }
}
