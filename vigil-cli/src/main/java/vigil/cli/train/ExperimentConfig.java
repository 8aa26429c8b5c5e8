package vigil.cli.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import vigil.data.augment.Policy;
import vigil.liveness.bench.BenchmarkConfig;
import vigil.liveness.train.ConfigFields;
import vigil.liveness.train.TrainConfig;
import vigil.tensor.io.Json;

/**
 * A `vigil train` config (YAML or JSON): three sections, "data" ({@link BenchmarkConfig}), "model"
 * ({@link ModelConfig}) and "train" ({@link TrainConfig}), and the training-time augmentation
 * {@code augment: none | default | PATH} ({@link Policy#defaults()} or a policy file; default none). The run folder (train.output) gets a copy as
 * experiment.json, which is how `vigil eval` rebuilds the model and finds the benchmark of a run.
 */
public record ExperimentConfig(BenchmarkConfig data, ModelConfig model, TrainConfig train, String augment,
                               Map<String, Object> tree) {
    public static final String FILE = "experiment.json";

    public ExperimentConfig {
        if (model.input() != data.size()) {
            throw new IllegalArgumentException("model.input " + model.input() + " must equal data.size " + data.size());
        }
        if (model.pretrained()) {
            // a Silent-Face model only knows crops made with its file's context scale
            var scale = vigil.liveness.passive.MiniFasNetSpec.fromPath(Path.of(model.init())).scale();
            if (data.crop().equals(BenchmarkConfig.CROP_BOX) && scale.isPresent() && scale.getAsDouble() != data.cropScale()) {
                throw new IllegalArgumentException("model.init " + model.init() + " was trained on " + scale.getAsDouble()
                        + "x crops, data.crop_scale is " + data.cropScale());
            }
        }
    }

    public static ExperimentConfig load(Path file) throws IOException {
        return load(file, java.util.List.of());
    }

    /** Reads file, then applies {@code --set KEY.PATH=VALUE} edits (see {@link ConfigOverrides}). */
    public static ExperimentConfig load(Path file, java.util.List<String> overrides) throws IOException {
        Map<String, Object> tree = TrainConfig.readTree(file);
        ConfigOverrides.apply(tree, overrides);
        return of(tree, file + (overrides.isEmpty() ? "" : " with " + overrides));
    }

    public static ExperimentConfig of(Map<String, Object> tree, String source) {
        ConfigFields root = new ConfigFields(source, "", tree);
        BenchmarkConfig data = BenchmarkConfig.read(root.object("data"));
        ModelConfig model = ModelConfig.read(root.has("model") ? root.object("model")
                : new ConfigFields(source, "model.", Map.of()));
        TrainConfig train = TrainConfig.read(root.object("train"));
        String augment = root.string("augment", "none");
        root.rejectUnread();
        return new ExperimentConfig(data, model, train, augment, tree);
    }

    /** The experiment.json of a run folder. */
    public static ExperimentConfig ofRun(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(runDir + " is not a vigil train run folder (no " + FILE + ")");
        }
        return load(file);
    }

    /** The training-time augmentation policy, or null for none. */
    public Policy augmentPolicy() throws IOException {
        return switch (augment) {
            case "none" -> null;
            case "default" -> Policy.defaults();
            default -> Policy.read(Path.of(augment));
        };
    }

    public void writeTo(Path runDir) throws IOException {
        Files.createDirectories(runDir);
        Files.writeString(runDir.resolve(FILE), Json.write(tree) + "\n", StandardCharsets.UTF_8);
    }
}
