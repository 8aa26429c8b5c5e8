package vigil.liveness.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vigil.tensor.Tensor;
import vigil.tensor.gradcheck.GradCheck;
import vigil.tensor.init.Rng;

/**
 * A backbone frozen for N steps gets no gradient and keeps its batch-norm statistics during steps
 * 0 .. N-1, while the heads learn; from step N on it trains again.
 */
class BackboneFreezeTest {

    @Test
    void frozenStepsLeaveTheBackboneWithoutGradientAndItsStatisticsUnchanged() {
        MultiTaskModel model = LivenessModels.create("mobilenet-v2", ModelOptions.of(32).withWidthMultiplier(0.25f)
                .withSpoofTypes(2).withMapHeadWidth(4));
        model.train(true);
        model.freezeBackboneForSteps(2);
        List<String> backbone = model.backboneParameterNames();
        assertTrue(backbone.contains("stem.0.weight") && !backbone.contains("classifier.weight"), backbone.toString());
        Tensor x = GradCheck.randomInput(new Rng(1), 0, 255, 4, 3, 32, 32).requiresGrad(false);
        float[] runningMean = model.stateDict().get("stem.1.running_mean").data().clone();

        model.beforeStep(1);
        assertTrue(model.backboneFrozen());
        model.forward(x).sum().backward();
        Map<String, Tensor> p = model.namedParameters();
        for (String key : backbone) {
            assertNull(p.get(key).gradArray(), key + " got a gradient while frozen");
        }
        assertNotNull(p.get("classifier.weight").gradArray());
        assertNotNull(p.get("type_head.weight").gradArray());
        assertNotNull(p.get("fourier_head.ft.0.weight").gradArray());
        assertArrayEquals(runningMean, model.stateDict().get("stem.1.running_mean").data(), 0f);

        model.zeroGrad();
        model.beforeStep(2);
        assertFalse(model.backboneFrozen());
        model.forward(x).sum().backward();
        assertNotNull(model.namedParameters().get("stem.0.weight").gradArray(), "unfrozen stem got no gradient");
    }
}
