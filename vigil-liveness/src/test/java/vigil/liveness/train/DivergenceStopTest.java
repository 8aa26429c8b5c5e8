package vigil.liveness.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.tensor.Tensor;
import vigil.tensor.io.SafeTensors;
import vigil.tensor.io.SafeTensorsFile;
import vigil.tensor.nn.Sequential;

/** A NaN batch stops the run naming its step, and the last good checkpoint survives untouched. */
class DivergenceStopTest {
    private static final String CONSTANT_SGD = "\"optimizer\": {\"type\": \"sgd\", \"lr\": 0.1, \"momentum\": 0.9}";

    @TempDir
    Path dir;

    @Test
    void nanBatchStopsWithTheStepInTheMessageAndKeepsTheLastGoodCheckpoint() throws IOException {
        Path out = dir.resolve("poisoned");
        Trainer<Sequential> t = TrainerFixtures.trainer(TrainerFixtures.config(out, CONSTANT_SGD, ""),
                TrainerFixtures.model(1));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> t.fit(TrainerFixtures.train().poisonedAt(13), TrainerFixtures.validation()));
        assertEquals(13, e.step());
        // ReLU maps the NaN activations to 0 (vigil's relu, unlike torch's, does not propagate NaN), so the
        // loss stays finite and the gradient check is what catches this batch.
        String m = e.getMessage();
        assertTrue(m.startsWith("training diverged at step 13: ") && m.contains("NaN")
                && m.contains("(epoch 2, batch 1 of the epoch)"), m);

        // The checkpoint on disk is the one of step 10, bit for bit what a clean 10-step run saves.
        SafeTensorsFile last = SafeTensors.read(out.resolve(Trainer.LAST));
        assertEquals("10", last.metadata().get("vigil.train.step"));
        Path clean = dir.resolve("clean");
        TrainerFixtures.trainer(TrainerFixtures.config(clean, CONSTANT_SGD, "").withOutput(clean),
                TrainerFixtures.model(1)).fitUntil(TrainerFixtures.train(), TrainerFixtures.validation(), 10);
        Map<String, Tensor> reference = SafeTensors.read(clean.resolve(Trainer.LAST)).tensors();
        assertEquals(reference.keySet(), last.tensors().keySet());
        for (String k : reference.keySet()) {
            Tensor r = reference.get(k);
            if (r.dtype() == vigil.tensor.DType.FLOAT32) {
                assertArrayEquals(r.data(), last.tensors().get(k).data(), k);
            }
        }
        assertEquals(List.of(), leftovers(out), "no temporary files after the stop");
    }

    @Test
    void infiniteInputIsCaughtBeforeTheUpdate() throws IOException {
        Path out = dir.resolve("inf");
        Sequential model = TrainerFixtures.model(1);
        Trainer<Sequential> t = TrainerFixtures.trainer(TrainerFixtures.config(out, CONSTANT_SGD, ""), model);
        SeparableBlobs source = new SeparableBlobs(11, 8, 6) {
            @Override
            public TrainBatch batch(long index) throws IOException {
                TrainBatch b = super.batch(index);
                if (index == 2) {
                    b.inputs().data()[3] = Float.POSITIVE_INFINITY;
                }
                return b;
            }
        };
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> t.fit(source, TrainerFixtures.validation()));
        assertEquals(2, e.step(), e.getMessage());
        assertTrue(Files.notExists(out.resolve(Trainer.LAST)), "no checkpoint before the first validation");
    }

    static List<String> leftovers(Path out) throws IOException {
        try (Stream<Path> files = Files.list(out)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> !List.of(Trainer.LAST, Trainer.BEST, Trainer.METRICS, Trainer.CURVE).contains(n))
                    .toList();
        }
    }
}
