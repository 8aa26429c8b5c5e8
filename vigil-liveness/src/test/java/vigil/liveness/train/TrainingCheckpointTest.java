package vigil.liveness.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.tensor.nn.Linear;
import vigil.tensor.nn.Sequential;
import vigil.tensor.optim.Optimizer;

/** Checkpoint files are all-or-nothing: a refused or failed write leaves the previous file and no debris. */
class TrainingCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void roundTripRestoresPositionWeightsAndOptimizerState() throws IOException {
        Sequential model = TrainerFixtures.model(1);
        Optimizer adam = TrainerFixtures.config(dir).optimizer().build(model.parameters());
        TrainingCheckpoint.Position at = new TrainingCheckpoint.Position(15, 2, 11, 0.25, 10);
        Path file = dir.resolve("c.safetensors");
        TrainingCheckpoint.save(file, model, adam, at, "{}", "{}");
        Sequential other = TrainerFixtures.model(2);
        Optimizer otherAdam = TrainerFixtures.config(dir).optimizer().build(other.parameters());
        assertEquals(at, TrainingCheckpoint.load(file, other, otherAdam));
        assertArrayEquals(TrainerFixtures.bits(model, "0.weight"), TrainerFixtures.bits(other, "0.weight"));
    }

    @Test
    void nonFiniteWeightIsNeverWrittenAndTheOldFileStays() throws IOException {
        Sequential model = TrainerFixtures.model(1);
        Optimizer sgd = new vigil.tensor.optim.Sgd(model.parameters(), 0.1);
        Path file = dir.resolve(Trainer.LAST);
        TrainingCheckpoint.save(file, model, sgd, new TrainingCheckpoint.Position(5, 0, 11, Double.NaN, 0), "{}", "{}");
        byte[] before = Files.readAllBytes(file);
        ((Linear) model.children().get("4")).weight().data()[7] = Float.NaN;
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> TrainingCheckpoint.save(file,
                model, sgd, new TrainingCheckpoint.Position(10, 1, 11, Double.NaN, 0), "{}", "{}"));
        assertTrue(e.getMessage().contains("step 9") && e.getMessage().contains("4.weight holds NaN at index 7"),
                e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(), DivergenceStopTest.leftovers(dir));
    }

    @Test
    void failedWriteLeavesNoTemporaryFile() throws IOException {
        Sequential model = TrainerFixtures.model(1);
        Optimizer sgd = new vigil.tensor.optim.Sgd(model.parameters(), 0.1);
        Path blocked = dir.resolve(Trainer.LAST);
        Files.createDirectories(blocked.resolve("occupied"));  // a non-empty folder cannot be replaced by a file
        assertThrows(IOException.class, () -> TrainingCheckpoint.save(blocked, model, sgd,
                new TrainingCheckpoint.Position(5, 0, 11, Double.NaN, 0), "{}", "{}"));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(Trainer.LAST), files.map(p -> p.getFileName().toString()).toList());
        }
    }
}
