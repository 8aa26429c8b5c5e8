package vigil.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vigil.cli.select.KeptSamples;
import vigil.data.dataset.SampleIdList;
import vigil.liveness.selection.ModelScoreFilter;
import vigil.liveness.selection.SelectionMethod;

/** Keeps the samples that matter: writes an id list file that SubsetDataset (and the loader) train on. */
@Command(name = "select", mixinStandardHelpOptions = true,
        description = {"Write the ids of the samples to keep, one per line (SubsetDataset reads it).",
                "Score methods read RUN/scores.csv of a tracked run",
                "(id,label,history,forgetting_events,el2n,gradnorm,confidence) and keep the",
                "highest round(F*N): forgetting (most forgotten, never-learned first), el2n,",
                "gradnorm, confidence (culls confident, easy samples); ties keep the earlier.",
                "model-score reads id,score,label,attack_type (score = live score, as for",
                "`vigil metrics`) and drops the attacks with 1 - score > --threshold."},
        subcommands = {SelectExperimentCommand.class})
final class SelectCommand implements Callable<Integer> {

    @Option(names = "--scores", paramLabel = "RUN",
            description = "a tracked run folder or its scores.csv (model-score: the id,score,label,attack_type CSV)")
    Path scores;

    @Option(names = "--method", paramLabel = "METHOD", description = "forgetting | el2n | gradnorm | confidence | model-score")
    String method;

    @Option(names = "--keep", paramLabel = "F", description = "fraction of samples to keep, in (0, 1] (score methods)")
    Double keep;

    @Option(names = "--threshold", paramLabel = "T", defaultValue = "0.95",
            description = "model-score: drop attacks whose attack probability 1 - score is above T (default ${DEFAULT-VALUE})")
    double threshold;

    @Option(names = "--out", paramLabel = "LIST", description = "the id list file to write")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (scores == null || method == null || out == null) {
            throw new IllegalArgumentException("--scores, --method and --out are required (or use `select experiment`)");
        }
        KeptSamples kept;
        if (method.equals("model-score")) {
            if (keep != null) {
                throw new IllegalArgumentException("--keep does not apply to model-score (it keeps what --threshold leaves)");
            }
            kept = KeptSamples.byModelScore(scores, threshold);
        } else {
            if (keep == null) {
                throw new IllegalArgumentException("--keep F is required for method " + method);
            }
            kept = KeptSamples.byScore(scores, SelectionMethod.parse(method), keep);
        }
        SampleIdList.write(out, kept.ids(), kept.comments());
        System.out.println(kept.comments().get(0) + " -> " + out);
        return 0;
    }
}
