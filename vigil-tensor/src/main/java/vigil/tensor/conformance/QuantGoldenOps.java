package vigil.tensor.conformance;

import java.util.Map;
import vigil.tensor.ops.FakeQuantMinMax;
import vigil.tensor.ops.FakeQuantize;

/**
 * Golden adapters for fake quantization. fake_quantize_per_tensor: input x; attrs scale, zero_point,
 * quant_min, quant_max. fake_quantize_per_channel: inputs x, scale [C], zero_point [C] (I64);
 * attrs axis, quant_min, quant_max. Output y. fake_quant_with_min_max_vars[_per_channel] (TensorFlow's
 * nudged-range ops): inputs x, min, max ([1] each, or [C] per channel); attrs num_bits, narrow_range
 * (and axis per channel). Output y; gradients reach x, min and max.
 */
final class QuantGoldenOps {
    private QuantGoldenOps() {
    }

    static void register(Map<String, GoldenOp> ops) {
        ops.put("fake_quantize_per_tensor", (in, a) -> Map.of("y", FakeQuantize.perTensor(GoldenOp.input(in, "x", a),
                scale(a), a.getInt("zero_point"), a.getInt("quant_min"),
                a.getInt("quant_max"))));
        ops.put("fake_quantize_per_channel", (in, a) -> Map.of("y", FakeQuantize.perChannel(
                GoldenOp.input(in, "x", a), GoldenOp.input(in, "scale", a), GoldenOp.input(in, "zero_point", a),
                a.getInt("axis"), a.getInt("quant_min"), a.getInt("quant_max"))));
        ops.put("fake_quant_with_min_max_vars", (in, a) -> Map.of("y", FakeQuantMinMax.perTensor(
                GoldenOp.input(in, "x", a), GoldenOp.input(in, "min", a), GoldenOp.input(in, "max", a),
                a.getInt("num_bits"), a.getBool("narrow_range", false))));
        ops.put("fake_quant_with_min_max_vars_per_channel", (in, a) -> Map.of("y", FakeQuantMinMax.perChannel(
                GoldenOp.input(in, "x", a), GoldenOp.input(in, "min", a), GoldenOp.input(in, "max", a),
                a.getInt("axis"), a.getInt("num_bits"), a.getBool("narrow_range", false))));
    }

    private static float scale(Attrs a) {
        if (!a.has("scale")) {
            throw new IllegalArgumentException("op " + a.op() + ": missing attribute 'scale'");
        }
        return (float) a.getDouble("scale", 0);
    }
}
