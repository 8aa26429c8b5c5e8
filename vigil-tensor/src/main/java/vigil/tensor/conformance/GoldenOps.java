package vigil.tensor.conformance;

import java.util.HashMap;
import java.util.Map;

/** The registry of golden-format op names; each family of ops registers its own adapters. */
public final class GoldenOps {
    private GoldenOps() {
    }

    public static Map<String, GoldenOp> all() {
        Map<String, GoldenOp> ops = new HashMap<>();
        PointwiseGoldenOps.register(ops);
        ConvGoldenOps.register(ops);
        PoolGoldenOps.register(ops);
        RecurrentGoldenOps.register(ops);
        LossGoldenOps.register(ops);
        QuantGoldenOps.register(ops);
        return ops;
    }
}
