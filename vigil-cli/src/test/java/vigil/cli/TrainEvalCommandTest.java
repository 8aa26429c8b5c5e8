package vigil.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.cli.train.ExperimentConfig;
import vigil.data.image.BgrImage;
import vigil.face.detect.FaceBox;
import vigil.liveness.bench.BenchmarkManifest;
import vigil.liveness.bench.SyntheticSpoofBenchmark;
import vigil.tensor.DType;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;
import vigil.tensor.io.Json;
import vigil.tensor.io.SafeTensors;
import vigil.tensor.io.SafeTensorsFile;

/**
 * `vigil train` and `vigil eval` on a tiny YAML config (16x16 MiniFASNetV2, 6 steps) over a benchmark
 * built from generated images with a fixed face box (the SSD is not needed for the command path).
 */
class TrainEvalCommandTest {
    @TempDir
    Path dir;
    private Path config;

    @BeforeEach
    void tinyExperiment() throws IOException {
        Path photos = dir.resolve("photos");
        Files.createDirectories(photos);
        for (int k = 0; k < 6; k++) {
            Rng rng = new Rng(500 + k);
            BgrImage image = new BgrImage(48, 48);
            for (int i = 0; i < image.data().length; i++) {
                image.data()[i] = (byte) (60 + (i / 3) % 48 * 2 + rng.nextInt(40));
            }
            image.writePng(photos.resolve("p" + k + ".png"));
        }
        config = dir.resolve("tiny.yaml");
        Files.writeString(config, """
                # tiny experiment for the command tests
                data:
                  root: %s
                  seed: 3
                  sources: [%s]
                  size: 16
                  capture: 32
                  live_variants: 2
                  min_face: 4
                model:
                  name: minifasnet-v2
                  input: 16
                  embedding: 8
                  dropout: 0.2
                train:
                  seed: 5
                  steps: 6
                  batch_size: 8
                  optimizer: {type: adamw, lr: 0.01}
                  schedule:
                    type: cosine
                    warmup_steps: 2
                  validate_every: 2
                  best_metric: val_loss
                  output: %s
                """.formatted(dir.resolve("bench"), photos, dir.resolve("run")), StandardCharsets.UTF_8);
        ExperimentConfig exp = ExperimentConfig.load(config);
        SyntheticSpoofBenchmark.build(exp.data(),
                frame -> List.of(new FaceBox(frame.width() / 4, frame.height() / 4, frame.width() / 2, frame.height() / 2, 1f)),
                null);
    }

    private CommandRun train(String output, String... extra) {
        String[] base = {"--config", config.toString(), "--no-progress", "--set", "train.output=" + dir.resolve(output)};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CommandRun.of(new TrainCommand(), args);
    }

    @Test
    void aRunStoppedAndResumedEndsAtTheSameWeightsAsAnUninterruptedOne() throws IOException {
        assertEquals(0, train("whole").exit());
        CommandRun first = train("split", "--stop-after", "4");
        assertEquals(0, first.exit(), first.err());
        SafeTensorsFile halfway = SafeTensors.read(dir.resolve("split/last.safetensors"));
        assertEquals("4", halfway.metadata().get("vigil.train.step"));
        CommandRun second = train("split", "--resume");
        assertEquals(0, second.exit(), second.err());

        Map<String, Tensor> whole = SafeTensors.read(dir.resolve("whole/last.safetensors")).tensors();
        Map<String, Tensor> resumed = SafeTensors.read(dir.resolve("split/last.safetensors")).tensors();
        assertEquals(whole.keySet(), resumed.keySet());
        boolean moved = false;
        for (String key : whole.keySet()) {
            assertArrayEquals(bits(whole.get(key)), bits(resumed.get(key)), key);
            if (halfway.tensors().containsKey(key) && key.endsWith("weight")) {
                moved |= !java.util.Arrays.equals(bits(halfway.tensors().get(key)), bits(whole.get(key)));
            }
        }
        assertTrue(moved, "steps 5..6 changed no weight, so the comparison would prove nothing");
        // Stopped at a validation step (4, validate_every 2), the resumed log reads as the uninterrupted one.
        assertEquals(Files.readString(dir.resolve("whole/metrics.jsonl")), Files.readString(dir.resolve("split/metrics.jsonl")));
    }

    @Test
    void trainingOverAnExistingRunNeedsResume() {
        assertEquals(0, train("run1", "--stop-after", "2").exit());
        CommandRun again = train("run1");
        assertNotEquals(0, again.exit());
        assertTrue(again.err().contains("pass --resume"), again.err());
    }

    @Test
    void evalWritesTheReportAndThePlots() throws IOException {
        assertEquals(0, train("run").exit());
        Path out = dir.resolve("eval");
        CommandRun r = CommandRun.of(new EvalCommand(), "--model", dir.resolve("run").toString(), "--data", "test",
                "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        Map<String, Object> report = Json.parseObject(Files.readString(out.resolve("report.json")));
        long lives = BenchmarkManifest.read(dir.resolve("bench"), "test").stream().filter(s -> s.live()).count();
        assertEquals(lives, ((Number) report.get("live_samples")).longValue());
        assertEquals("dev", ((Map<?, ?>) report.get("threshold")).get("chosen_on"));
        for (String png : List.of("roc.png", "det.png", "histograms.png")) {
            BufferedImage image = ImageIO.read(out.resolve(png).toFile());
            assertTrue(image != null && image.getWidth() == 480, png);
        }
    }

    /** Float bit patterns (so the comparison is of bits, not values), or the integers of an int64 entry. */
    @Test
    void aModelFromTheMultiTaskFactoryTrainsWithItsFourierAndSpoofTypeHeadsAndEvaluates() throws IOException {
        CommandRun t = train("fourier", "--set", "model.fourier_weight=0.5", "--set", "model.live_loss=focal",
                "--set", "model.spoof_type_weight=0.3", "--stop-after", "2");
        assertEquals(0, t.exit(), t.err());
        Map<String, Tensor> state = SafeTensors.read(dir.resolve("fourier/last.safetensors")).tensors();
        assertTrue(state.keySet().stream().anyMatch(k -> k.startsWith("FTGenerator.")),
                "no Fourier head weights in " + state.keySet());
        assertEquals(List.of(2, 8), java.util.Arrays.stream(state.get("type_head.weight").shape()).boxed().toList(),
                "a print / replay head on the 8-wide embedding");
        CommandRun r = CommandRun.of(new EvalCommand(), "--model", dir.resolve("fourier/last.safetensors").toString(),
                "--out", dir.resolve("eval").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.isRegularFile(dir.resolve("eval/report.json")));
    }

    private static long[] bits(Tensor t) {
        if (t.dtype() != DType.FLOAT32) {
            return t.longs();
        }
        float[] a = t.data();
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = Float.floatToRawIntBits(a[i]);
        }
        return out;
    }
}
