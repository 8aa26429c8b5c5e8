package vigil.liveness.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;
import vigil.tensor.nn.BatchNorm1d;
import vigil.tensor.nn.Linear;
import vigil.tensor.nn.ReLU;
import vigil.tensor.nn.Sequential;

/** The one-logit live/spoof head: loss, accuracy and live scores, and training with it. */
class BinaryLogitObjectiveTest {
    @TempDir
    Path dir;

    @Test
    void lossMatchesTorchBceWithLogits() {
        // torch.nn.functional.binary_cross_entropy_with_logits(torch.tensor([2., -1., 0.5]),
        //     torch.tensor([1., 0., 0.])) = 0.4714222 (float32)
        Tensor logits = Tensor.of(new float[] {2f, -1f, 0.5f}, 3, 1);
        Tensor labels = Tensor.ofLongs(new long[] {1, 0, 0}, 3);
        BinaryLogitObjective o = BinaryLogitObjective.mean();
        assertEquals(0.4714222f, o.loss(logits, labels).item(), 1e-6f);
        assertEquals(2, o.correct(logits, labels));
        assertArrayEquals(new double[] {0.8807970779778823, 0.2689414213699951, 0.6224593312018546},
                o.liveScores(logits), 1e-12);
        assertArrayEquals(new boolean[] {true, false, false}, o.isLive(labels));
    }

    @Test
    void oneLogitModelLearnsTheBlobs() throws IOException {
        Rng rng = new Rng(4);
        Sequential model = new Sequential(new Linear(SeparableBlobs.FEATURES, 8, rng.fork(0)), new BatchNorm1d(8),
                new ReLU(), new Linear(8, 1, rng.fork(1)));
        Trainer<Sequential> t = new Trainer<>(TrainerFixtures.config(dir, TrainerFixtures.ADAMW_COSINE,
                ", \"best_metric\": \"val_auc\""), model, BinaryLogitObjective.mean(), null);
        TrainResult r = t.fit(TrainerFixtures.train(), TrainerFixtures.validation());
        assertTrue(r.lastValidation().accuracy() >= 0.95, "accuracy " + r.lastValidation().accuracy());
        assertTrue(r.bestValue() >= 0.98, "best AUC " + r.bestValue());
    }
}
