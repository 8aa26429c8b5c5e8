package vigil.liveness.selection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vigil.liveness.metrics.ScoreCsv;
import vigil.liveness.metrics.ScoredSample;

/**
 * Drops the attacks a previous model already rejects with confidence: it reads the model's scores as
 * a CSV in the format of {@code vigil metrics} with the sample id in front,
 * <pre>
 * id,score,label,attack_type
 * faces/live/0001.jpg,0.97,1,
 * faces/spoof/0002.jpg,0.01,0,print
 * </pre>
 * where score is the live score (higher = more live, label 1 = live), and keeps every live sample and
 * every attack whose attack probability 1 - score is not above the threshold. Ids cannot contain
 * commas.
 */
public final class ModelScoreFilter {
    public static final String HEADER = "id," + ScoreCsv.HEADER;
    public static final double DEFAULT_THRESHOLD = 0.95;

    /** A scored sample with its id. */
    public record IdScore(String id, ScoredSample sample) {
    }

    private ModelScoreFilter() {
    }

    public static List<IdScore> read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no model score file");
        }
        if (lines.isEmpty() || !lines.get(0).strip().replace("\uFEFF", "").equals(HEADER)) {
            String got = lines.isEmpty() ? "an empty file" : "'" + lines.get(0).strip() + "'";
            throw new IOException(file + ":1: expected the header '" + HEADER + "', got " + got);
        }
        // Strip the id column and let ScoreCsv check the rest; blank lines stay blank so its line numbers match ours.
        List<String> rest = new ArrayList<>(lines.size());
        rest.add(ScoreCsv.HEADER);
        List<String> ids = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                rest.add("");
                continue;
            }
            int comma = line.indexOf(',');
            if (comma <= 0) {
                throw new IOException(file + ":" + (i + 1) + ": expected 'id,score,label,attack_type', got '" + line + "'");
            }
            ids.add(line.substring(0, comma).strip());
            rest.add(line.substring(comma + 1));
        }
        List<ScoredSample> samples;
        try {
            samples = ScoreCsv.parse(rest, file.toString());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (samples.isEmpty()) {
            throw new IOException(file + ": no scored samples after the header");
        }
        List<IdScore> out = new ArrayList<>(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            out.add(new IdScore(ids.get(i), samples.get(i)));
        }
        return out;
    }

    /** The ids kept, in file order: every live sample, and attacks with 1 - score &lt;= threshold. */
    public static List<String> keep(List<IdScore> scored, double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("--threshold must be in [0, 1], got " + threshold);
        }
        List<String> kept = new ArrayList<>();
        for (IdScore s : scored) {
            if (s.sample().live() || 1 - s.sample().score() <= threshold) {
                kept.add(s.id());
            }
        }
        return kept;
    }
}
