package vigil.tensor.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vigil.tensor.Tensor;
import vigil.tensor.ops.CellWeights;
import vigil.tensor.ops.RecurrentConfig;
import vigil.tensor.ops.RecurrentOp;
import vigil.tensor.ops.RecurrentOutput;

/**
 * Golden adapters for "rnn", "gru" and "lstm": attrs hidden_size, num_layers, batch_first,
 * bidirectional (and nonlinearity for rnn); inputs x, h0, c0 (lstm) and the PyTorch-named weights;
 * outputs y, h_n and c_n (lstm). A case without bias_ih_l0 runs a stack without biases.
 */
final class RecurrentGoldenOps {
    private RecurrentGoldenOps() {
    }

    static void register(Map<String, GoldenOp> ops) {
        for (RecurrentConfig.Mode mode : RecurrentConfig.Mode.values()) {
            ops.put(mode.opName(), (in, a) -> run(mode, in, a));
        }
    }

    private static Map<String, Tensor> run(RecurrentConfig.Mode mode, Map<String, Tensor> in, Attrs a) {
        RecurrentConfig cfg = RecurrentConfig.of(mode, a.getInt("hidden_size"))
                .withLayers(a.getInt("num_layers", 1))
                .withBatchFirst(a.getBool("batch_first", false))
                .withBidirectional(a.getBool("bidirectional", false))
                .withNonlinearity(nonlinearity(a))
                .withBias(in.containsKey("bias_ih_l0"));
        List<CellWeights> weights = new ArrayList<>();
        for (int layer = 0; layer < cfg.numLayers(); layer++) {
            for (int d = 0; d < cfg.directions(); d++) {
                String s = RecurrentConfig.suffix(layer, d);
                weights.add(new CellWeights(GoldenOp.input(in, "weight_ih_" + s, a),
                        GoldenOp.input(in, "weight_hh_" + s, a),
                        cfg.bias() ? GoldenOp.input(in, "bias_ih_" + s, a) : null,
                        cfg.bias() ? GoldenOp.input(in, "bias_hh_" + s, a) : null));
            }
        }
        RecurrentOutput out = RecurrentOp.forward(cfg, GoldenOp.input(in, "x", a), in.get("h0"), in.get("c0"),
                weights, null);
        Map<String, Tensor> result = new LinkedHashMap<>();
        result.put("y", out.y());
        result.put("h_n", out.hN());
        if (out.cN() != null) {
            result.put("c_n", out.cN());
        }
        return result;
    }

    private static RecurrentConfig.Nonlinearity nonlinearity(Attrs a) {
        String n = a.getString("nonlinearity", "tanh");
        return switch (n.toLowerCase(Locale.ROOT)) {
            case "tanh" -> RecurrentConfig.Nonlinearity.TANH;
            case "relu" -> RecurrentConfig.Nonlinearity.RELU;
            default -> throw new IllegalArgumentException("op " + a.op() + ": nonlinearity '" + n
                    + "' is not tanh or relu");
        };
    }
}
