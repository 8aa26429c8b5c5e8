package vigil.liveness.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.tensor.io.Checkpoint;
import vigil.tensor.io.SafeTensors;
import vigil.tensor.io.SafeTensorsFile;
import vigil.tensor.nn.Sequential;

/** best.safetensors is the state at the validation with the best selection metric, and only that. */
class BestCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void bestCheckpointHoldsTheStateOfTheLowestValidationLoss() throws IOException {
        // A high learning rate without decay makes the validation loss wander, so the best is not simply the last.
        String wandering = "\"optimizer\": {\"type\": \"sgd\", \"lr\": 2.0, \"momentum\": 0.9}";
        Trainer<Sequential> t = TrainerFixtures.trainer(
                TrainerFixtures.config(dir, wandering, ", \"best_metric\": \"val_loss\""), TrainerFixtures.model(3));
        TrainResult result = t.fit(TrainerFixtures.train(), TrainerFixtures.validation());

        List<Map<String, Object>> rows = t.metricsLog().rows();
        assertEquals(6, rows.size());
        Map<String, Object> best = rows.get(0);
        for (Map<String, Object> row : rows) {
            if (((Number) row.get("val_loss")).doubleValue() < ((Number) best.get("val_loss")).doubleValue()) {
                best = row;
            }
        }
        long bestStep = ((Number) best.get("step")).longValue();
        assertEquals(bestStep, result.bestStep());
        SafeTensorsFile file = SafeTensors.read(dir.resolve(Trainer.BEST));
        assertEquals(Long.toString(bestStep), file.metadata().get("vigil.train.step"));

        // Loading the best weights into a fresh model reproduces the logged loss exactly.
        Sequential reloaded = TrainerFixtures.model(77);
        Map<String, vigil.tensor.Tensor> weights = new java.util.LinkedHashMap<>(file.tensors());
        weights.keySet().removeIf(k -> k.startsWith(TrainingCheckpoint.OPTIMIZER_PREFIX));
        reloaded.loadStateDict(weights, true);
        ValidationResult again = Validation.run(reloaded, ClassificationObjective.crossEntropy(1),
                TrainerFixtures.validation());
        assertEquals(((Number) best.get("val_loss")).doubleValue(), again.loss(), 0.0);
        assertTrue(file.metadata().containsKey(Checkpoint.CONFIG_KEY));
    }

    @Test
    void maximisedMetricsKeepTheFirstOfEqualBests() {
        assertTrue(SelectionMetric.VAL_ACCURACY.improves(0.5, Double.NaN));
        assertTrue(SelectionMetric.VAL_ACCURACY.improves(0.75, 0.5));
        assertEquals(false, SelectionMetric.VAL_ACCURACY.improves(0.75, 0.75));
        assertEquals(false, SelectionMetric.VAL_LOSS.improves(Double.NaN, 1.0));
        assertTrue(SelectionMetric.VAL_LOSS.improves(0.9, 1.0));
    }
}
