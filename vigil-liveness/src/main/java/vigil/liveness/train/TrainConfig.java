package vigil.liveness.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import vigil.tensor.io.Json;

/**
 * How a training run goes, read from a JSON file (or the same keys in YAML, see {@link YamlSubset}; or a
 * "train" section of a larger config via {@link #read}):
 * <pre>
 * {
 *   "seed": 7,                      // init, data order, dropout masks (default 0)
 *   "epochs": 10,                   // passes over the training source ... or
 *   "steps": 5000,                  // ... optimizer steps in all (exactly one of the two)
 *   "batch_size": 64,               // for sources the trainer builds (the loader adapter)
 *   "optimizer": {"type": "adamw", "lr": 0.001, "weight_decay": 0.01},      // see OptimizerConfig
 *   "schedule": {"type": "cosine", "warmup_steps": 100},                     // see ScheduleConfig
 *   "validate_every": 200,          // steps between validations (and checkpoints); also at the end
 *   "best_metric": "val_loss",      // val_loss | val_accuracy | val_acer | val_eer | val_auc
 *   "output": "runs/exp1",          // last.safetensors, best.safetensors, metrics.jsonl, curve.png;
 *                                   // relative to the working directory
 *   "clip_grad_norm": 5.0           // joint L2 norm cap on gradients; 0 or absent: no clipping
 * }
 * </pre>
 * Unknown keys are errors; every error names the file and the dotted key.
 *
 * @param epochs 0 when the run is sized by steps
 * @param steps  0 when the run is sized by epochs
 */
public record TrainConfig(long seed, int epochs, long steps, int batchSize, OptimizerConfig optimizer,
                          ScheduleConfig schedule, int validateEvery, SelectionMetric bestMetric, Path output,
                          double clipGradNorm) {

    public TrainConfig {
        if ((epochs > 0) == (steps > 0)) {
            throw new IllegalArgumentException("TrainConfig: give exactly one of epochs (" + epochs + ") and steps ("
                    + steps + ")");
        }
        if (batchSize < 1 || validateEvery < 1 || !(clipGradNorm >= 0)) {
            throw new IllegalArgumentException("TrainConfig: batch size " + batchSize + " and validate_every "
                    + validateEvery + " must be >= 1, clip_grad_norm " + clipGradNorm + " >= 0");
        }
    }

    /** Reads a JSON file, or YAML ({@link YamlSubset}) when the name ends in .yaml or .yml. */
    public static TrainConfig load(Path file) throws IOException {
        return fromMap(readTree(file), file.toString());
    }

    /** A config file's tree (JSON, or YAML by extension) in Json's structure; errors name the file. */
    public static Map<String, Object> readTree(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return YamlSubset.parseMapping(text, file.toString());
        }
        try {
            return Json.parseObject(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses config JSON; source (a file name) prefixes every error message. */
    public static TrainConfig parse(String json, String source) {
        Map<String, Object> root;
        try {
            root = Json.parseObject(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        return fromMap(root, source);
    }

    /** Reads an already parsed config object (from JSON or YAML); source prefixes every error. */
    public static TrainConfig fromMap(Map<String, Object> root, String source) {
        return read(new ConfigFields(source, "", root));
    }

    /** Reads the fields of f (the whole file, or one section of a larger config such as "train."). */
    public static TrainConfig read(ConfigFields f) {
        long seed = f.integer("seed", 0);
        boolean byEpochs = f.has("epochs");
        boolean bySteps = f.has("steps");
        if (byEpochs == bySteps) {
            throw f.error(byEpochs ? "steps" : "epochs", byEpochs ? "cannot be given with epochs"
                    : "is required (or steps)");
        }
        int epochs = byEpochs ? f.positiveInt("epochs") : 0;
        long steps = bySteps ? f.positiveInt("steps") : 0;
        int batchSize = f.positiveInt("batch_size");
        OptimizerConfig optimizer = OptimizerConfig.read(f.object("optimizer"));
        ScheduleConfig schedule = f.has("schedule") ? ScheduleConfig.read(f.object("schedule")) : ScheduleConfig.constant();
        int validateEvery = f.positiveInt("validate_every");
        SelectionMetric best = f.choice("best_metric", SelectionMetric.class, SelectionMetric.VAL_LOSS);
        Path output = Path.of(f.string("output"));
        double clip = f.number("clip_grad_norm", 0);
        if (!(clip >= 0) || Double.isInfinite(clip)) {
            throw f.error("clip_grad_norm", "must be finite and >= 0, got " + clip);
        }
        f.rejectUnread();
        return new TrainConfig(seed, epochs, steps, batchSize, optimizer, schedule, validateEvery, best, output, clip);
    }

    /** Optimizer steps of the whole run, given the training source's batches per epoch. */
    public long totalSteps(long batchesPerEpoch) {
        return steps > 0 ? steps : epochs * batchesPerEpoch;
    }

    public TrainConfig withOutput(Path dir) {
        return new TrainConfig(seed, epochs, steps, batchSize, optimizer, schedule, validateEvery, bestMetric, dir,
                clipGradNorm);
    }

    /** The config as JSON (what checkpoints carry); {@link #parse} reads it back. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", seed);
        if (epochs > 0) {
            m.put("epochs", epochs);
        } else {
            m.put("steps", steps);
        }
        m.put("batch_size", batchSize);
        m.put("optimizer", optimizer.toJson());
        m.put("schedule", schedule.toJson());
        m.put("validate_every", validateEvery);
        m.put("best_metric", bestMetric.key());
        m.put("output", output.toString());
        m.put("clip_grad_norm", clipGradNorm);
        return Json.write(m);
    }
}
