package vigil.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vigil.liveness.selection.SelectionExperiment;
import vigil.liveness.selection.SelectionMethod;
import vigil.liveness.selection.SelectionReport;
import vigil.liveness.selection.SubsetTraining;

/** The Fashion-MNIST selection experiment (see vigil.liveness.selection.SelectionExperiment). */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = {"On Fashion-MNIST, train an MLP on the full set (tracking per-sample scores),",
                "on the subsets each method keeps and on random subsets of the same sizes, for",
                "seeds 1..N. Each run is appended to OUT/results.jsonl; runs already there are",
                "skipped, so --seeds 1, then --seeds 2, ... extends an experiment. Writes OUT/",
                "report.md, report.json, accuracy.png, forgetting-sheet.png, seed-K/scores.csv."})
final class SelectExperimentCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the experiment folder")
    Path out;

    @Option(names = "--seeds", defaultValue = "3", description = "seeds 1..N (default ${DEFAULT-VALUE})")
    int seeds;

    @Option(names = "--fractions", split = ",", defaultValue = "0.3,0.5,0.7",
            description = "fractions kept (default ${DEFAULT-VALUE})")
    List<Double> fractions;

    @Option(names = "--methods", split = ",", defaultValue = "forgetting,el2n,gradnorm,confidence",
            description = "score methods (default ${DEFAULT-VALUE})")
    List<String> methods;

    @Option(names = "--epochs", defaultValue = "8", description = "epochs of every run (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--score-epoch", defaultValue = "2",
            description = "epoch whose forward passes give EL2N, gradnorm and confidence (default ${DEFAULT-VALUE})")
    int scoreEpoch;

    @Option(names = "--width", defaultValue = "256", description = "MLP hidden width (default ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--data", description = "Fashion-MNIST folder (default: .cache/data/fashion-mnist)")
    Path data;

    @Override
    public Integer call() throws Exception {
        List<SelectionMethod> ms = methods.stream().map(SelectionMethod::parse).toList();
        SelectionExperiment.Options o = new SelectionExperiment.Options(DataPaths.fashionMnist(data), out, seeds,
                fractions, ms, new SubsetTraining.Settings(width, epochs, 128, 1e-3), scoreEpoch);
        SelectionReport report = SelectionExperiment.run(o, System.out);
        System.out.println();
        System.out.print(report.markdown());
        System.out.println("wrote " + Arrays.asList("report.md", "report.json", "accuracy.png", "forgetting-sheet.png")
                + " in " + out);
        return 0;
    }
}
