package vigil.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vigil.cli.train.ExperimentConfig;
import vigil.cli.train.ModelConfig;
import vigil.cli.train.PackedBatches;
import vigil.data.augment.AugmentingTransform;
import vigil.data.augment.Policy;
import vigil.data.loader.LoaderOptions;
import vigil.data.loader.SampleTransform;
import vigil.liveness.bench.CodedSplit;
import vigil.liveness.bench.FaceFinder;
import vigil.liveness.bench.SubjectSplit;
import vigil.liveness.bench.SyntheticSpoofBenchmark;
import vigil.liveness.train.BatchSource;
import vigil.liveness.train.LoaderBatchSource;
import vigil.liveness.train.TrainConfig;
import vigil.liveness.train.TrainResult;
import vigil.liveness.train.Trainer;
import vigil.tensor.nn.Layer;
import vigil.tensor.nn.Module;

/**
 * Trains a live/spoof model from a config (see {@link ExperimentConfig}): builds the synthetic-spoof
 * benchmark when data.root has none, then trains on its train split, validating on dev every
 * validate_every steps; last/best checkpoints, metrics.jsonl and curve.png go to train.output. The
 * loader's labels are {@link vigil.liveness.bench.SampleCode}s (live, attack family), which the model's
 * target packing turns into what its objective expects.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a liveness model from a YAML or JSON config (sections data, model, train).",
                "The benchmark in data.root is built first when missing. Output: train.output/{last,best}.safetensors,",
                "metrics.jsonl, curve.png, experiment.json (what `vigil eval --model` reads)."})
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the experiment config (.yaml, .yml or .json)")
    Path config;

    @Option(names = "--resume", description = "continue from train.output/last.safetensors (bit-exactly)")
    boolean resume;

    @Option(names = "--stop-after", paramLabel = "STEPS", defaultValue = "-1",
            description = "return after this many optimizer steps in all (a time-boxed session; --resume continues)")
    long stopAfter;

    @Option(names = "--set", paramLabel = "KEY.PATH=VALUE", description = "override a config value, e.g. data.crop_scale=4.0")
    List<String> overrides = List.of();

    @Option(names = "--workers", defaultValue = "1", description = "loader threads (the batches do not depend on it)")
    int workers;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        ExperimentConfig exp = ExperimentConfig.load(config, overrides);
        if (!SyntheticSpoofBenchmark.isBuilt(exp.data())) {
            System.err.println("vigil train: building the synthetic-spoof benchmark in " + exp.data().root());
            SyntheticSpoofBenchmark.Summary s = SyntheticSpoofBenchmark.build(exp.data(),
                    FaceFinder.ssd(exp.data().detector(), (float) exp.data().detectorThreshold()), noProgress ? null : System.err);
            System.err.println("vigil train: benchmark " + s.counts() + (s.missing().isEmpty() ? ""
                    : "; sources not found (skipped): " + s.missing()));
        }
        TrainConfig tc = exp.train();
        Path lastCheckpoint = tc.output().resolve(Trainer.LAST);
        if (resume && !Files.isRegularFile(lastCheckpoint)) {
            throw new IllegalArgumentException("--resume: no checkpoint " + lastCheckpoint + " to continue from");
        }
        if (!resume && Files.isRegularFile(lastCheckpoint)) {
            throw new IllegalArgumentException(tc.output() + " already holds a run; pass --resume to continue it,"
                    + " or choose another train.output");
        }
        exp.writeTo(tc.output());
        train(exp, exp.model().build(tc.seed()));
        return 0;
    }

    private <M extends Module & Layer> void train(ExperimentConfig exp, ModelConfig.Built<M> built) throws Exception {
        TrainConfig tc = exp.train();
        Trainer<M> trainer = new Trainer<>(tc, built.model(), built.objective(), noProgress ? null : System.err);
        if (resume) {
            System.err.println("vigil train: resuming at step " + trainer.resume(tc.output().resolve(Trainer.LAST)).step());
        }
        int size = exp.data().size();
        Path root = exp.data().root();
        LoaderOptions base = LoaderOptions.batchSize(tc.batchSize()).withWorkers(workers).withFullShuffle();
        Policy augment = exp.augmentPolicy();
        SampleTransform trainTransform = augment == null ? SampleTransform.resizeTo(size, size)
                : new AugmentingTransform(augment, size, size, 1, size, size);
        try (BatchSource train = new PackedBatches(LoaderBatchSource.training(
                CodedSplit.open(root, SubjectSplit.TRAIN), trainTransform, base, tc),
                built.targets());
             BatchSource dev = new PackedBatches(new LoaderBatchSource(
                CodedSplit.open(root, SubjectSplit.DEV),
                SampleTransform.resizeTo(size, size), LoaderOptions.batchSize(tc.batchSize()).withWorkers(workers)),
                built.targets())) {
            TrainResult r = trainer.fitUntil(train, dev, stopAfter < 0 ? Long.MAX_VALUE : stopAfter);
            var v = r.lastValidation();
            System.out.printf(Locale.ROOT, "step %d: val_loss %.4f val_accuracy %.4f%s; best %s %.4f at step %d%n",
                    r.steps(), v == null ? Double.NaN : v.loss(), v == null ? Double.NaN : v.accuracy(),
                    v == null || v.pad() == null ? "" : String.format(Locale.ROOT, " val_acer %.4f val_eer %.4f val_auc %.4f",
                            v.pad().acer(), v.pad().eer(), v.pad().auc()),
                    tc.bestMetric().key(), r.bestValue(), r.bestStep());
            System.out.println("checkpoints: " + r.last() + ", " + r.best() + "; curve: " + r.curve());
        }
    }
}
