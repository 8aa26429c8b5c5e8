package vigil.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vigil.cli.train.ExperimentConfig;
import vigil.cli.train.ModelConfig;
import vigil.liveness.bench.BenchmarkManifest;
import vigil.liveness.eval.EvaluationReport;
import vigil.liveness.eval.LiveScorer;
import vigil.liveness.eval.SampleVerdicts;
import vigil.liveness.model.MiniFasNetMultiTask;
import vigil.liveness.passive.MiniFasNetSpec;
import vigil.liveness.passive.PretrainedMiniFasNet;
import vigil.liveness.eval.SplitScoring;
import vigil.liveness.metrics.ScoredSample;
import vigil.liveness.train.TrainingCheckpoint;
import vigil.liveness.train.Trainer;
import vigil.tensor.Tensor;
import vigil.tensor.io.SafeTensors;
import vigil.tensor.nn.Module;

/**
 * Evaluates a trained model on a split of its benchmark: report.json (ISO/IEC 30107-3 metrics at the
 * dev split's EER threshold and at 0.5, HTER, per-attack-type APCER), the score CSVs, roc.png, det.png
 * and histograms.png.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a model trained by `vigil train` on a split of its benchmark.",
                "Writes OUT/report.json, OUT/scores-SPLIT.csv, OUT/roc.png, OUT/det.png, OUT/histograms.png."})
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN_OR_CHECKPOINT",
            description = "a run folder (uses its best.safetensors) or a checkpoint inside one")
    Path model;

    @Option(names = "--data", defaultValue = "test", paramLabel = "SPLIT", description = "train, dev or test (default ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--dev", defaultValue = "dev", paramLabel = "SPLIT",
            description = "split the operating threshold is chosen on (its EER threshold); 'none' for 0.5")
    String devSplit;

    @Option(names = "--bench", paramLabel = "DIR", description = "benchmark folder (default: the run's data.root)")
    Path bench;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "where the report and plots go")
    Path out;

    @Option(names = "--verdicts", arity = "1..*", paramLabel = "IMAGE",
            description = {"for a run fine-tuned from a Silent-Face .pth (model.init): the Silent-Face pipeline's",
                    "class probabilities on these images with the .pth and with the fine-tuned model"})
    List<Path> verdictImages = List.of();

    @Override
    public Integer call() throws Exception {
        Path checkpoint = Files.isDirectory(model) ? model.resolve(Trainer.BEST) : model;
        Path runDir = checkpoint.toAbsolutePath().getParent();
        ExperimentConfig exp = ExperimentConfig.ofRun(runDir);
        ModelConfig.Built<?> built = exp.model().build(exp.train().seed());
        loadWeights(built.model(), checkpoint);
        LiveScorer scorer = built.scorer();
        Path root = bench != null ? bench : exp.data().root();
        int size = exp.data().size();
        List<ScoredSample> scores = SplitScoring.score(root, BenchmarkManifest.read(root, split), size, scorer, 64);
        boolean withDev = !devSplit.equals("none");
        List<ScoredSample> dev = withDev
                ? SplitScoring.score(root, BenchmarkManifest.read(root, devSplit), size, scorer, 64) : null;
        EvaluationReport report = EvaluationReport.of(checkpoint.toString(), root.toString(), split, scores,
                withDev ? devSplit : null, dev);
        report.write(out);
        System.out.println("evaluated " + checkpoint + " on " + root + " split " + split + " (threshold "
                + report.threshold() + (withDev ? ", the " + devSplit + " split's EER threshold)" : ")"));
        report.metrics().text().forEach(System.out::println);
        if (report.hter() != null) {
            System.out.printf("HTER   %.4f%%%n", 100 * report.hter().hter());
        }
        System.out.println("report: " + out.resolve(EvaluationReport.REPORT));
        if (!verdictImages.isEmpty()) {
            printVerdicts(exp, built.model());
        }
        return 0;
    }

    private void printVerdicts(ExperimentConfig exp, Module trained) throws IOException {
        if (!exp.model().pretrained() || !(trained instanceof MiniFasNetMultiTask net)) {
            throw new IllegalArgumentException("--verdicts: the run was not fine-tuned from a Silent-Face .pth (model.init)");
        }
        Path pth = Path.of(exp.model().init());
        PretrainedMiniFasNet after = new PretrainedMiniFasNet(MiniFasNetSpec.fromPath(pth), net.miniFasNet());
        for (SampleVerdicts.Row r : SampleVerdicts.of(exp.data().detector(), (float) exp.data().detectorThreshold(),
                PretrainedMiniFasNet.load(pth), after, verdictImages)) {
            System.out.println(r.image().getFileName() + ": " + pth.getFileName() + " "
                    + SampleVerdicts.Row.describe(r.before()) + "; fine-tuned " + SampleVerdicts.Row.describe(r.after()));
        }
    }

    /** The model entries of a training checkpoint (the optimizer's are skipped), loaded strictly. */
    private static void loadWeights(Module net, Path checkpoint) throws IOException {
        Map<String, Tensor> state = new LinkedHashMap<>();
        SafeTensors.read(checkpoint).tensors().forEach((name, t) -> {
            if (!name.startsWith(TrainingCheckpoint.OPTIMIZER_PREFIX)) {
                state.put(name, t);
            }
        });
        try {
            net.loadStateDict(state, true);
        } catch (IllegalArgumentException e) {
            throw new IOException(checkpoint + ": does not fit the run's model: " + e.getMessage(), e);
        }
    }
}
