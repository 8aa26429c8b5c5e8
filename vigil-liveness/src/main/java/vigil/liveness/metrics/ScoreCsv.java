package vigil.liveness.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads score files: a header line {@code score,label,attack_type}, then one sample per line,
 * {@code 0.93,1,} for a live sample and {@code 0.12,0,print} for an attack. Label 1 = live, 0 = attack;
 * attack_type is empty for live samples (an attack with an empty type counts as
 * {@link ScoredSample#UNSPECIFIED_ATTACK}). No quoting: a type name cannot contain a comma. Blank lines
 * are skipped; any other malformed line is an error naming file:line.
 */
public final class ScoreCsv {
    public static final String HEADER = "score,label,attack_type";

    // Plain decimal or scientific notation only: Double.parseDouble would also take hex floats, "1d" and
    // "Infinity", which other tools (Python's float, numpy) read differently or not at all.
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private ScoreCsv() {
    }

    public static List<ScoredSample> read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses the lines of a score file; {@code source} names it in error messages. */
    public static List<ScoredSample> parse(List<String> lines, String source) {
        if (lines.isEmpty() || !stripBom(lines.get(0)).strip().equals(HEADER)) {
            String got = lines.isEmpty() ? "an empty file" : "'" + lines.get(0).strip() + "'";
            throw new IllegalArgumentException(source + ":1: expected the header '" + HEADER + "', got " + got);
        }
        List<ScoredSample> samples = new ArrayList<>(lines.size() - 1);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty()) {
                samples.add(sample(line, source + ":" + (i + 1)));
            }
        }
        return samples;
    }

    private static ScoredSample sample(String line, String where) {
        String[] fields = line.split(",", -1);
        if (fields.length != 3) {
            throw new IllegalArgumentException(where + ": expected 3 fields score,label,attack_type, got "
                    + fields.length + " in '" + line + "'");
        }
        String scoreText = fields[0].strip();
        String label = fields[1].strip();
        String type = fields[2].strip();
        if (scoreText.equalsIgnoreCase("nan")) {
            throw new IllegalArgumentException(where + ": score is NaN; a NaN score cannot be ranked");
        }
        if (!DECIMAL.matcher(scoreText).matches()) {
            throw new IllegalArgumentException(where + ": score '" + scoreText + "' is not a decimal number");
        }
        double score = Double.parseDouble(scoreText);
        if (Double.isInfinite(score)) {
            throw new IllegalArgumentException(where + ": score '" + scoreText + "' overflows a double");
        }
        boolean live = switch (label) {
            case "1" -> true;
            case "0" -> false;
            default -> throw new IllegalArgumentException(where + ": label must be 1 (live) or 0 (attack), got '"
                    + label + "'");
        };
        if (live && !type.isEmpty()) {
            throw new IllegalArgumentException(where + ": a live sample (label 1) must have an empty attack_type, got '"
                    + type + "'");
        }
        return new ScoredSample(score, live, type);
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
