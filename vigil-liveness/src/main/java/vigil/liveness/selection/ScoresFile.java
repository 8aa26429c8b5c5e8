package vigil.liveness.selection;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The scores of a tracked run as CSV, one sample per line:
 * <pre>
 * id,label,history,forgetting_events,el2n,gradnorm,confidence
 * train:17,3,01101,1,0.83,4.2,0.41
 * </pre>
 * history has one character per epoch, 1 where the sample was classified correctly when presented;
 * forgetting_events is derived from it and checked on reading (a mismatch means the file was edited
 * or damaged). Ids cannot contain commas or line breaks. Floats are written in Java's shortest
 * round-trip form, so reading gives back the same values.
 */
public final class ScoresFile {
    public static final String FILE_NAME = "scores.csv";
    public static final String HEADER = "id,label,history,forgetting_events,el2n,gradnorm,confidence";

    private ScoresFile() {
    }

    /** A run folder resolves to its scores.csv; anything else is taken as the CSV itself. */
    public static Path resolve(Path runOrFile) {
        return Files.isDirectory(runOrFile) ? runOrFile.resolve(FILE_NAME) : runOrFile;
    }

    public static void write(SampleScores s, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write(HEADER);
                w.newLine();
                for (int i = 0; i < s.size(); i++) {
                    String id = s.ids()[i];
                    if (id.isEmpty() || id.contains(",") || id.contains("\n") || id.contains("\r")) {
                        throw new IOException(file + ": sample id '" + id + "' is empty or contains a comma or line break");
                    }
                    StringBuilder h = new StringBuilder();
                    for (boolean c : s.histories()[i]) {
                        h.append(c ? '1' : '0');
                    }
                    w.write(id + "," + s.labels()[i] + "," + h + "," + s.forgettingEvents(i) + "," + s.el2n()[i] + ","
                            + s.gradNorm()[i] + "," + s.confidence()[i]);
                    w.newLine();
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads a scores file (or a run folder's); every malformed line fails naming file:line. */
    public static SampleScores read(Path runOrFile) throws IOException {
        Path file = resolve(runOrFile);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no scores file (expected " + FILE_NAME
                    + " of a tracked run, see `vigil select experiment`)");
        }
        if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
            String got = lines.isEmpty() ? "an empty file" : "'" + lines.get(0).strip() + "'";
            throw new IOException(file + ":1: expected the header '" + HEADER + "', got " + got);
        }
        List<String> ids = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<boolean[]> histories = new ArrayList<>();
        List<float[]> values = new ArrayList<>();
        int epochs = -1;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = file + ":" + (i + 1);
            String[] f = line.split(",", -1);
            if (f.length != 7) {
                throw new IOException(where + ": expected 7 fields (" + HEADER + "), got " + f.length);
            }
            boolean[] history = history(f[2], where);
            if (epochs >= 0 && history.length != epochs) {
                throw new IOException(where + ": history has " + history.length + " epochs, earlier lines " + epochs);
            }
            epochs = history.length;
            int events = integer(f[3], "forgetting_events", where);
            if (events != ForgettingEvents.count(history)) {
                throw new IOException(where + ": forgetting_events " + events + " does not match history " + f[2]
                        + " (" + ForgettingEvents.count(history) + ")");
            }
            if (f[0].isEmpty()) {
                throw new IOException(where + ": empty sample id");
            }
            ids.add(f[0]);
            labels.add(integer(f[1], "label", where));
            histories.add(history);
            values.add(new float[] {number(f[4], "el2n", where), number(f[5], "gradnorm", where),
                number(f[6], "confidence", where)});
        }
        if (ids.isEmpty()) {
            throw new IOException(file + ": no samples after the header");
        }
        int n = ids.size();
        float[] el2n = new float[n];
        float[] grad = new float[n];
        float[] conf = new float[n];
        for (int i = 0; i < n; i++) {
            el2n[i] = values.get(i)[0];
            grad[i] = values.get(i)[1];
            conf[i] = values.get(i)[2];
        }
        try {
            return new SampleScores(ids.toArray(String[]::new), labels.stream().mapToInt(Integer::intValue).toArray(),
                    histories.toArray(boolean[][]::new), el2n, grad, conf);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static boolean[] history(String text, String where) throws IOException {
        if (text.isEmpty()) {
            throw new IOException(where + ": empty history");
        }
        boolean[] h = new boolean[text.length()];
        for (int i = 0; i < h.length; i++) {
            char c = text.charAt(i);
            if (c != '0' && c != '1') {
                throw new IOException(where + ": history '" + text + "' must be made of 0 and 1");
            }
            h[i] = c == '1';
        }
        return h;
    }

    private static int integer(String text, String column, String where) throws IOException {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IOException(where + ": " + column + " '" + text + "' is not an integer");
        }
    }

    private static float number(String text, String column, String where) throws IOException {
        try {
            float v = Float.parseFloat(text);
            if (Float.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IOException(where + ": " + column + " '" + text + "' is not a finite number");
        }
    }
}
