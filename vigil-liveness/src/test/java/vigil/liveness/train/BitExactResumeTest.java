package vigil.liveness.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vigil.tensor.DType;
import vigil.tensor.Tensor;
import vigil.tensor.nn.Sequential;

/**
 * The key property of the trainer: a run that crashes mid-way and is resumed from last.safetensors
 * ends with the same bits in every weight, batch-norm buffer and optimizer moment as a run that
 * never stopped, with dropout and batch norm in the model.
 */
class BitExactResumeTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {TrainerFixtures.ADAMW_COSINE, TrainerFixtures.SGD_STEP})
    void crashedAndResumedRunEndsWithTheSameBitsAsAnUninterruptedOne(String optimizerAndSchedule) throws IOException {
        Sequential straight = TrainerFixtures.model(1);
        Trainer<Sequential> a = TrainerFixtures.trainer(config(dir.resolve("straight"), optimizerAndSchedule), straight);
        a.fit(TrainerFixtures.train(), TrainerFixtures.validation());

        Path crashDir = dir.resolve("crashed");
        Sequential crashed = TrainerFixtures.model(1);
        Trainer<Sequential> b = TrainerFixtures.trainer(config(crashDir, optimizerAndSchedule), crashed);
        IOException crash = assertThrows(IOException.class,
                () -> b.fit(TrainerFixtures.train().crashingAt(18), TrainerFixtures.validation()));
        assertEquals("simulated crash reading batch 18", crash.getMessage());

        // The crashed process may have logged a validation after its last checkpoint; the resume drops it.
        b.metricsLog().append(Map.of("step", 20, "val_loss", 123.0));

        // A new process: a model initialised differently, so every restored bit must come from the file.
        Sequential resumed = TrainerFixtures.model(12345);
        Trainer<Sequential> c = TrainerFixtures.trainer(config(crashDir, optimizerAndSchedule), resumed);
        assertEquals(15, c.resume(crashDir.resolve(Trainer.LAST)).step());
        TrainResult result = c.fit(TrainerFixtures.train(), TrainerFixtures.validation());

        assertEquals(30, result.steps());
        assertSameBits(straight.stateDict(), resumed.stateDict(), "model");
        assertSameBits(a.optimizer().stateDict(), c.optimizer().stateDict(), "optimizer");
        assertEquals(metricRows(a), metricRows(c), "the resumed log reads as the uninterrupted one");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 12345})
    void resumingWithAnotherSeedIsRefused(long otherSeed) throws IOException {
        Path out = dir.resolve("run");
        Trainer<Sequential> a = TrainerFixtures.trainer(TrainerFixtures.config(out), TrainerFixtures.model(1));
        a.fit(TrainerFixtures.train(), TrainerFixtures.validation());
        TrainConfig other = TrainConfig.parse(TrainerFixtures.config(out).toJson().replace("\"seed\":11", "\"seed\":" + otherSeed),
                "other.json");
        Trainer<Sequential> b = TrainerFixtures.trainer(other, TrainerFixtures.model(1));
        IOException e = assertThrows(IOException.class, () -> b.resume(out.resolve(Trainer.LAST)));
        assertEquals(true, e.getMessage().contains("seed 11") && e.getMessage().contains("seed is " + otherSeed),
                e.getMessage());
    }

    private static TrainConfig config(Path out, String optimizerAndSchedule) {
        return TrainerFixtures.config(out, optimizerAndSchedule, "");
    }

    private static List<Map<String, Object>> metricRows(Trainer<?> t) throws IOException {
        return t.metricsLog().rows();
    }

    private static void assertSameBits(Map<String, Tensor> expected, Map<String, Tensor> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet(), what + " keys");
        assertFalse(expected.isEmpty(), what + " has state");
        for (String k : expected.keySet()) {
            Tensor e = expected.get(k);
            Tensor g = actual.get(k);
            if (e.dtype() == DType.FLOAT32) {
                assertArrayEquals(rawBits(e.data()), rawBits(g.data()), what + " " + k);
            } else {
                assertEquals(Arrays.toString(e.longs()), Arrays.toString(g.longs()), what + " " + k);
            }
        }
    }

    private static int[] rawBits(float[] a) {
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = Float.floatToRawIntBits(a[i]);
        }
        return out;
    }
}
