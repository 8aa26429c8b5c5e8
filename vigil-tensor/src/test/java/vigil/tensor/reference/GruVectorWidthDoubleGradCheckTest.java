package vigil.tensor.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.DoubleGradCheck;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.RecurrentCheckInputs;
import vigil.tensor.ops.RecurrentConfig;
import vigil.tensor.ops.VectorGemm;

/**
 * The GRU's fused gate kernel (GruGates) on rows wide enough for its vector lanes: a hidden size of two full
 * vectors plus a 3-unit tail of the species in use, so the vector body and the scalar tail both run (the
 * other recurrent checks use H = 4, below one vector). Checked as RecurrentDoubleGradCheckTest checks: y, h_n
 * and every gradient against the double loop of {@link RecurrentReference} (DoubleGradCheck's defaults:
 * atol 1e-4, rtol 1e-3). Under -Dvigil.vector=off the same rows run on the scalar twin.
 */
class GruVectorWidthDoubleGradCheckTest {
    private static final int INPUT = 3;
    private static final int HIDDEN = 2 * VectorGemm.lanes() + 3;

    @Test
    void singleLayerMatchesReference() {
        assertPasses(RecurrentConfig.gru(HIDDEN), 4, 2, null, 91);
    }

    @Test
    void bidirectionalTwoLayersWithLengthsMatchReference() {
        assertPasses(RecurrentConfig.gru(HIDDEN).withLayers(2).withBidirectional(true).withBatchFirst(true),
                3, 2, new int[] {3, 1}, 92);
    }

    private static void assertPasses(RecurrentConfig cfg, int steps, int batch, int[] lengths, long seed) {
        Tensor[] inputs = RecurrentCheckInputs.random(cfg, steps, batch, INPUT, true, new Rng(seed));
        DoubleGradCheck.Result r = DoubleGradCheck.check(RecurrentCheckInputs.forward(cfg, true, lengths),
                RecurrentReference.stack(cfg, steps, batch, INPUT, lengths, true), inputs);
        assertTrue(r.passed(), cfg + ": " + r);
    }
}
