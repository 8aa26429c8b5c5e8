package vigil.cli.select;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vigil.liveness.selection.ModelScoreFilter;
import vigil.liveness.selection.SampleScores;
import vigil.liveness.selection.ScoresFile;
import vigil.liveness.selection.SelectionMethod;
import vigil.liveness.selection.SubsetSelector;

/** The ids `vigil select` keeps, with the comment lines that record how they were chosen. */
public record KeptSamples(List<String> ids, List<String> comments) {

    /** The top round(keep * N) samples of a tracked run by a score method, best first. */
    public static KeptSamples byScore(Path run, SelectionMethod method, double keep) throws IOException {
        Path file = ScoresFile.resolve(run);
        SampleScores scores = ScoresFile.read(file);
        int[] top = SubsetSelector.keepTop(scores.scores(method), keep);
        List<String> ids = new ArrayList<>(top.length);
        for (int i : top) {
            ids.add(scores.ids()[i]);
        }
        return new KeptSamples(ids, List.of(
                String.format(Locale.ROOT, "vigil select: method %s, keep %s: %d of %d samples, highest score first",
                        method.cliName(), keep, ids.size(), scores.size()),
                "scores: " + file));
    }

    /** Every live sample and the attacks the model does not already reject with attack probability above threshold. */
    public static KeptSamples byModelScore(Path scoreCsv, double threshold) throws IOException {
        List<ModelScoreFilter.IdScore> scored = ModelScoreFilter.read(scoreCsv);
        List<String> ids = ModelScoreFilter.keep(scored, threshold);
        return new KeptSamples(ids, List.of(
                String.format(Locale.ROOT, "vigil select: method model-score, threshold %s: %d of %d samples kept "
                        + "(attacks with 1 - score > threshold dropped)", threshold, ids.size(), scored.size()),
                "scores: " + scoreCsv));
    }
}
