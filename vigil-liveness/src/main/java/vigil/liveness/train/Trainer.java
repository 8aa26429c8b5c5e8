package vigil.liveness.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vigil.data.progress.ProgressBar;
import vigil.tensor.Tensor;
import vigil.tensor.TensorScope;
import vigil.tensor.io.Json;
import vigil.tensor.nn.Layer;
import vigil.tensor.nn.Module;
import vigil.tensor.optim.GradClip;
import vigil.tensor.optim.LrSchedule;
import vigil.tensor.optim.Optimizer;

/**
 * Runs a {@link TrainConfig}: per step, forward, loss, backward, gradient clipping and an optimizer
 * step on batch k = step of the training source; every validate_every steps (and at the end) a
 * validation pass, a metrics-log row, best.safetensors when the selection metric improved, then
 * last.safetensors and curve.png.
 *
 * <p>Bit-exact resume: everything step s computes is a function of the saved state and of s alone.
 * The batch is the source's batch s (fixed by seed and position), the learning rate the schedule at
 * s, the dropout masks are seeded from (seed, s) ({@link StepRandomness}), and the checkpoint holds
 * the weights, batch-norm buffers and optimizer moments. So {@link #resume} from last.safetensors
 * followed by {@link #fit} ends at the same bits as a run that never stopped.
 *
 * <p>A non-finite loss, gradient or updated weight stops the run with a
 * {@link TrainingDivergedException} naming the step, before anything is saved.
 */
public final class Trainer<M extends Module & Layer> {
    public static final String LAST = "last.safetensors";
    public static final String BEST = "best.safetensors";
    public static final String METRICS = "metrics.jsonl";
    public static final String CURVE = "curve.png";

    private final TrainConfig config;
    private final M model;
    private final Objective objective;
    private final Optimizer optimizer;
    private final List<String> parameterNames;
    private final List<Tensor> parameters;
    private final StepRandomness randomness;
    private final PrintStream progress;
    private TrainingCheckpoint.Position position;
    private boolean resumed;

    /** @param progress where to draw the progress bar, or null for none */
    public Trainer(TrainConfig config, M model, Objective objective, PrintStream progress) {
        this.config = config;
        this.model = model;
        this.objective = objective;
        Map<String, Tensor> named = model.namedParameters();
        this.parameterNames = new ArrayList<>(named.keySet());
        this.parameters = new ArrayList<>(named.values());
        this.optimizer = config.optimizer().build(parameters);
        this.randomness = new StepRandomness(config.seed(), model);
        this.progress = progress;
        this.position = new TrainingCheckpoint.Position(0, 0, config.seed(), Double.NaN, 0);
    }

    public Path lastCheckpoint() {
        return config.output().resolve(LAST);
    }

    public Path bestCheckpoint() {
        return config.output().resolve(BEST);
    }

    public MetricsLog metricsLog() {
        return new MetricsLog(config.output().resolve(METRICS));
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** Loads a checkpoint of this run (same seed) so that {@link #fit} continues from its step. */
    public TrainingCheckpoint.Position resume(Path checkpoint) throws IOException {
        TrainingCheckpoint.Position p = TrainingCheckpoint.load(checkpoint, model, optimizer);
        if (p.seed() != config.seed()) {
            throw new IOException(checkpoint + ": saved with seed " + p.seed() + ", this run's seed is " + config.seed()
                    + "; the resumed run would not continue the same data order and dropout masks");
        }
        this.position = p;
        this.resumed = true;
        return p;
    }

    /** Trains from step 0, or from the resumed step, to the end of the run. */
    public TrainResult fit(BatchSource train, BatchSource validation) throws IOException {
        return fitUntil(train, validation, Long.MAX_VALUE);
    }

    /**
     * As {@link #fit}, but returns once stopStep steps are done (a time-boxed session; {@link #resume}
     * from last.safetensors continues it). The schedule still spans the whole run.
     */
    public TrainResult fitUntil(BatchSource train, BatchSource validation, long stopStep) throws IOException {
        long perEpoch = train.batchesPerEpoch();
        long total = config.totalSteps(perEpoch);
        long end = Math.min(total, stopStep);
        if (position.step() > total) {
            throw new IllegalArgumentException("Trainer: the checkpoint is at step " + position.step()
                    + ", past the run's " + total + " steps");
        }
        LrSchedule schedule = config.schedule().build(config.optimizer().lr(), total);
        SelectionMetric metric = config.bestMetric();
        MetricsLog log = metricsLog();
        Files.createDirectories(config.output());
        if (resumed) {
            log.truncateAfter(position.step());
        } else {
            Files.deleteIfExists(log.file());
        }
        ProgressBar bar = progress == null ? null : new ProgressBar(progress, "train", total);
        if (bar != null && position.step() > 0) {
            bar.step(position.step(), "resumed at step " + position.step());
        }
        double bestValue = position.bestValue();
        long bestStep = position.bestStep();
        double windowLoss = 0;
        int windowSteps = 0;
        ValidationResult last = null;
        model.train(true);
        for (long step = position.step(); step < end; step++) {
            TrainBatch batch = train.batch(step);
            double lr = schedule.lrAt((int) step);
            float loss = trainStep(step, perEpoch, batch, lr);
            windowLoss += loss;
            windowSteps++;
            long done = step + 1;
            if (bar != null) {
                bar.step(1, String.format(Locale.ROOT, "loss %.4f lr %.3g", loss, lr));
            }
            if (done % config.validateEvery() != 0 && done != end) {
                continue;
            }
            last = Validation.run(model, objective, validation);
            double value = metric.of(last);
            boolean better = metric.improves(value, bestValue);
            if (better) {
                bestValue = value;
                bestStep = done;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("step", done);
            row.put("epoch", step / perEpoch);
            row.put("lr", lr);
            row.put("train_loss", windowLoss / windowSteps);
            row.putAll(last.toJson());
            row.put("best", better);
            position = new TrainingCheckpoint.Position(done, done / perEpoch, config.seed(), bestValue, bestStep);
            log.append(row);
            String rowJson = Json.write(row);
            if (better) {
                TrainingCheckpoint.save(bestCheckpoint(), model, optimizer, position, config.toJson(), rowJson);
            }
            TrainingCheckpoint.save(lastCheckpoint(), model, optimizer, position, config.toJson(), rowJson);
            TrainingCurve.write(log.rows(), metric.key(), config.output().resolve(CURVE));
            windowLoss = 0;
            windowSteps = 0;
        }
        if (bar != null) {
            bar.finish(last == null ? "nothing to do" : String.format(Locale.ROOT, "%s %.4f", metric.key(),
                    metric.of(last)));
        }
        return new TrainResult(position.step(), last, bestValue, bestStep, lastCheckpoint(), bestCheckpoint(),
                log.file(), config.output().resolve(CURVE));
    }

    /** One optimizer step on batch; returns its loss. Throws before the update on a non-finite value. */
    private float trainStep(long step, long perEpoch, TrainBatch batch, double lr) {
        // the step's activations go back to the buffer pool for the next step (see TensorScope)
        try (TensorScope stepScope = TensorScope.open()) {
            randomness.beforeStep(step);
            if (model instanceof StepHook hook) {
                hook.beforeStep(step);
            }
            optimizer.setLearningRate(lr);
            optimizer.zeroGrad();
            Tensor lossTensor = objective.loss(model.forward(batch.inputs()), batch.targets());
            float loss = lossTensor.item();
            String where = " (epoch " + step / perEpoch + ", batch " + step % perEpoch + " of the epoch)";
            if (!Float.isFinite(loss)) {
                throw new TrainingDivergedException(step, "loss is " + loss + where);
            }
            lossTensor.backward();
            for (int i = 0; i < parameters.size(); i++) {
                float[] g = parameters.get(i).gradArray();
                String bad = g == null ? null : TrainingCheckpoint.firstNonFinite(Tensor.of(g, g.length));
                if (bad != null) {
                    throw new TrainingDivergedException(step, "gradient of " + parameterNames.get(i) + " is " + bad
                            + where);
                }
            }
            if (config.clipGradNorm() > 0) {
                GradClip.clipByNorm(parameters, config.clipGradNorm());
            }
            optimizer.step();
            for (int i = 0; i < parameters.size(); i++) {
                String bad = TrainingCheckpoint.firstNonFinite(parameters.get(i));
                if (bad != null) {
                    throw new TrainingDivergedException(step, "the update made " + parameterNames.get(i) + " " + bad
                            + where);
                }
            }
            return loss;
        }
    }
}
