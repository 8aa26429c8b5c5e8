package vigil.tensor.conformance;

import java.util.Map;

/** Golden adapters for the loss ops (filled in by the loss work). */
final class LossGoldenOps {
    private LossGoldenOps() {
    }

    static void register(Map<String, GoldenOp> ops) {
    }
}
