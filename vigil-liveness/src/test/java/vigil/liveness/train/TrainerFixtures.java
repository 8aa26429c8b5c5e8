package vigil.liveness.train;

import java.nio.file.Path;
import java.util.Map;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;
import vigil.tensor.nn.BatchNorm1d;
import vigil.tensor.nn.Dropout;
import vigil.tensor.nn.Linear;
import vigil.tensor.nn.Module;
import vigil.tensor.nn.ReLU;
import vigil.tensor.nn.Sequential;

/** A small model with dropout and batch norm (the state a resume must restore), and configs for it. */
final class TrainerFixtures {
    private TrainerFixtures() {
    }

    /** 4 -> 16 -> BN -> ReLU -> Dropout(0.3) -> 2 logits; class 1 plays "live". */
    static Sequential model(long initSeed) {
        Rng rng = new Rng(initSeed);
        return new Sequential(new Linear(SeparableBlobs.FEATURES, 16, rng.fork(0)), new BatchNorm1d(16), new ReLU(),
                new Dropout(0.3f, rng.fork(1)), new Linear(16, 2, rng.fork(2)));
    }

    /** AdamW with warm-up into cosine, the default optimizer and schedule of these tests. */
    static final String ADAMW_COSINE = "\"optimizer\": {\"type\": \"adamw\", \"lr\": 0.05, \"weight_decay\": 0.01}, "
            + "\"schedule\": {\"type\": \"cosine\", \"warmup_steps\": 4}";

    /** SGD with Nesterov momentum and warm-up into step decay. */
    static final String SGD_STEP = "\"optimizer\": {\"type\": \"sgd\", \"lr\": 0.1, \"momentum\": 0.9, \"nesterov\": true}, "
            + "\"schedule\": {\"type\": \"step\", \"step_size\": 7, \"gamma\": 0.5, \"warmup_steps\": 3}";

    static TrainConfig config(Path output, String optimizerAndSchedule, String extra) {
        String json = """
                {"seed": 11, "steps": 30, "batch_size": 8, %s,
                 "validate_every": 5, "clip_grad_norm": 1.0, "output": "%s" %s}
                """.formatted(optimizerAndSchedule, output.toString().replace("\\", "\\\\"), extra);
        return TrainConfig.parse(json, "test.json");
    }

    static TrainConfig config(Path output) {
        return config(output, ADAMW_COSINE, "");
    }

    static Trainer<Sequential> trainer(TrainConfig config, Sequential model) {
        return new Trainer<>(config, model, ClassificationObjective.crossEntropy(1), null);
    }

    static SeparableBlobs train() {
        return new SeparableBlobs(11, 8, 6);
    }

    static SeparableBlobs validation() {
        return new SeparableBlobs(99, 16, 2);
    }

    /** Bit patterns of every float, as int arrays, so assertions compare bits and not values. */
    static int[] bits(Module m, String key) {
        Tensor t = m.stateDict().get(key);
        float[] a = t.data();
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = Float.floatToRawIntBits(a[i]);
        }
        return out;
    }

    static Map<String, Tensor> state(Module m) {
        return m.stateDict();
    }
}
