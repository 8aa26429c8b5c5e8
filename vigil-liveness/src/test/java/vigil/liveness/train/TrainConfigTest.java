package vigil.liveness.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading train.json: values land in the record, and every error names the file and the key. */
class TrainConfigTest {
    private static final String VALID = """
            {"seed": 5, "epochs": 3, "batch_size": 32,
             "optimizer": {"type": "adam", "lr": 0.001, "betas": [0.8, 0.99]},
             "schedule": {"type": "step", "step_size": 100, "gamma": 0.5, "warmup_steps": 10},
             "validate_every": 50, "best_metric": "val_acer", "output": "runs/a", "clip_grad_norm": 2}
            """;

    @TempDir
    Path dir;

    @Test
    void validFileParsesIntoTheRecord() throws IOException {
        Path file = dir.resolve("train.json");
        Files.writeString(file, VALID);
        TrainConfig c = TrainConfig.load(file);
        assertEquals(5, c.seed());
        assertEquals(3, c.epochs());
        assertEquals(0, c.steps());
        assertEquals(OptimizerConfig.Kind.ADAM, c.optimizer().type());
        assertEquals(0.8, c.optimizer().beta1());
        assertEquals(ScheduleConfig.Kind.STEP, c.schedule().type());
        assertEquals(10, c.schedule().warmupSteps());
        assertEquals(SelectionMetric.VAL_ACER, c.bestMetric());
        assertEquals(Path.of("runs/a"), c.output());
        assertEquals(2.0, c.clipGradNorm());
        assertEquals(3 * 7, c.totalSteps(7));
        assertEquals(c, TrainConfig.parse(c.toJson(), "round trip"));
    }

    @Test
    void wrongTypeNamesFileAndDottedKey() {
        assertMessage("train.json: optimizer.lr: expected a number, got \"fast\"",
                VALID.replace("\"lr\": 0.001", "\"lr\": \"fast\""));
    }

    @Test
    void unknownKeyIsNamed() {
        assertMessage("train.json: valdate_every: unknown key", VALID.replace("\"validate_every\": 50",
                "\"validate_every\": 50, \"valdate_every\": 5"));
    }

    @Test
    void missingRequiredKeyIsNamed() {
        assertMessage("train.json: batch_size: is required", VALID.replace("\"batch_size\": 32,", ""));
    }

    @Test
    void unknownChoiceListsTheOptions() {
        assertMessage("train.json: schedule.type: unknown value \"linear\", expected one of [constant, step, cosine]",
                VALID.replace("\"type\": \"step\"", "\"type\": \"linear\""));
    }

    @Test
    void epochsAndStepsTogetherAreRefused() {
        assertMessage("train.json: steps: cannot be given with epochs", VALID.replace("\"epochs\": 3", "\"epochs\": 3, \"steps\": 9"));
    }

    @Test
    void keyOfTheOtherOptimizerIsRefused() {
        assertMessage("train.json: optimizer.momentum: unknown key",
                VALID.replace("\"betas\": [0.8, 0.99]", "\"momentum\": 0.9"));
    }

    @Test
    void brokenJsonNamesTheFile() {
        assertMessage("train.json: JSON:", VALID.replace("\"seed\": 5,", "\"seed\": 5"));
    }

    private static void assertMessage(String prefix, String json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.parse(json, "train.json"));
        assertEquals(true, e.getMessage().startsWith(prefix), e.getMessage());
    }
}
