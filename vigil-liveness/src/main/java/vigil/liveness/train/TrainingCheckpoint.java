package vigil.liveness.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import vigil.tensor.DType;
import vigil.tensor.Tensor;
import vigil.tensor.io.Checkpoint;
import vigil.tensor.io.SafeTensors;
import vigil.tensor.io.SafeTensorsFile;
import vigil.tensor.nn.Module;
import vigil.tensor.optim.Optimizer;

/**
 * Everything a run needs to continue bit-exactly, in one safetensors file written atomically
 * (temporary file, then rename): the model's state dict under its own names (so the file also
 * loads as plain weights, non-strictly), the optimizer state under "optimizer.*", and in the
 * metadata the config, the position and the latest metrics:
 * <pre>
 *   vigil.config               the TrainConfig JSON
 *   vigil.train.step           optimizer steps done = the next batch index (the data position)
 *   vigil.train.epoch          step / batches per epoch
 *   vigil.train.seed           the run seed; dropout masks derive from (seed, step), so no generator state
 *   vigil.train.best_value     the best selection metric so far ("NaN" before any), best_step its step
 *   vigil.train.metrics        the metrics-log row of the validation that wrote this file (JSON)
 * </pre>
 * A state holding a non-finite float is never written.
 */
public final class TrainingCheckpoint {
    public static final String OPTIMIZER_PREFIX = "optimizer.";
    static final String STEP = "vigil.train.step";
    static final String EPOCH = "vigil.train.epoch";
    static final String SEED = "vigil.train.seed";
    static final String BEST_VALUE = "vigil.train.best_value";
    static final String BEST_STEP = "vigil.train.best_step";
    static final String METRICS = "vigil.train.metrics";

    /** Where a saved run stands. */
    public record Position(long step, long epoch, long seed, double bestValue, long bestStep) {
    }

    private TrainingCheckpoint() {
    }

    static void save(Path file, Module model, Optimizer optimizer, Position position, String configJson,
                     String metricsJson) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.stateDict().forEach((name, t) -> {
            if (name.startsWith(OPTIMIZER_PREFIX)) {
                throw new IllegalArgumentException("checkpoint: model entry " + name + " clashes with the optimizer prefix");
            }
            tensors.put(name, t);
        });
        optimizer.stateDict().forEach((name, t) -> tensors.put(OPTIMIZER_PREFIX + name, t));
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String bad = firstNonFinite(e.getValue());
            if (bad != null) {
                throw new TrainingDivergedException(position.step() - 1, "checkpoint entry " + e.getKey() + " holds "
                        + bad + "; not writing " + file.getFileName());
            }
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(Checkpoint.FORMAT_KEY, "pt");
        meta.put(Checkpoint.CONFIG_KEY, configJson);
        meta.put(STEP, Long.toString(position.step()));
        meta.put(EPOCH, Long.toString(position.epoch()));
        meta.put(SEED, Long.toString(position.seed()));
        meta.put(BEST_VALUE, Double.toString(position.bestValue()));
        meta.put(BEST_STEP, Long.toString(position.bestStep()));
        meta.put(METRICS, metricsJson);
        SafeTensors.write(file, tensors, meta);
    }

    /** Loads model and optimizer state strictly and returns the position; errors name the file. */
    static Position load(Path file, Module model, Optimizer optimizer) throws IOException {
        SafeTensorsFile f = SafeTensors.read(file);
        Map<String, Tensor> modelState = new LinkedHashMap<>();
        Map<String, Tensor> optimizerState = new LinkedHashMap<>();
        f.tensors().forEach((name, t) -> {
            if (name.startsWith(OPTIMIZER_PREFIX)) {
                optimizerState.put(name.substring(OPTIMIZER_PREFIX.length()), t);
            } else {
                modelState.put(name, t);
            }
        });
        Map<String, String> meta = f.metadata();
        try {
            model.loadStateDict(modelState, true);
            optimizer.loadStateDict(optimizerState);
            return new Position(Long.parseLong(need(meta, STEP)), Long.parseLong(need(meta, EPOCH)),
                    Long.parseLong(need(meta, SEED)), Double.parseDouble(need(meta, BEST_VALUE)),
                    Long.parseLong(need(meta, BEST_STEP)));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": not a resumable training checkpoint: " + e.getMessage(), e);
        }
    }

    private static String need(Map<String, String> meta, String key) {
        String v = meta.get(key);
        if (v == null) {
            throw new IllegalArgumentException("metadata " + key + " is missing");
        }
        return v;
    }

    /** "NaN at index i" for the first non-finite float of t, or null. */
    static String firstNonFinite(Tensor t) {
        if (t.dtype() != DType.FLOAT32) {
            return null;
        }
        float[] a = t.data();
        for (int i = 0; i < a.length; i++) {
            if (!Float.isFinite(a[i])) {
                return a[i] + " at index " + i;
            }
        }
        return null;
    }
}
