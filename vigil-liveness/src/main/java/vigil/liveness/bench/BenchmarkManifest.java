package vigil.liveness.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's index: manifest.csv ({@code path,split,subject,label,attack_type}, one row per image)
 * and, for vigil-data's {@link vigil.data.dataset.ListFileDataset}, one {@code SPLIT.txt} list per
 * split ({@code path label}).
 */
public final class BenchmarkManifest {
    public static final String FILE = "manifest.csv";
    public static final String HEADER = "path,split,subject,label,attack_type";

    private BenchmarkManifest() {
    }

    static void write(Path root, List<BenchmarkSample> samples) throws IOException {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (BenchmarkSample s : samples) {
            csv.append(s.path()).append(',').append(s.split()).append(',').append(s.subject()).append(',')
                    .append(s.label()).append(',').append(s.attackType()).append('\n');
        }
        Files.writeString(root.resolve(FILE), csv, StandardCharsets.UTF_8);
        for (String split : List.of(SubjectSplit.TRAIN, SubjectSplit.DEV, SubjectSplit.TEST)) {
            StringBuilder list = new StringBuilder();
            for (BenchmarkSample s : samples) {
                if (s.split().equals(split)) {
                    list.append(s.path()).append(' ').append(s.label()).append('\n');
                }
            }
            Files.writeString(listFile(root, split), list, StandardCharsets.UTF_8);
        }
    }

    /** The ListFileDataset list of a split. */
    public static Path listFile(Path root, String split) {
        return root.resolve(split + ".txt");
    }

    /** Every row; errors name the file and line. */
    public static List<BenchmarkSample> read(Path root) throws IOException {
        Path file = root.resolve(FILE);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(file + ":1: expected the header '" + HEADER + "'");
        }
        List<BenchmarkSample> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] f = lines.get(i).split(",", -1);
            if (f.length != 5 || !(f[3].equals("0") || f[3].equals("1"))) {
                throw new IOException(file + ":" + (i + 1) + ": expected 5 fields with label 0 or 1, got '" + lines.get(i) + "'");
            }
            try {
                out.add(new BenchmarkSample(f[0], f[1], f[2], f[3].equals("1"), f[4]));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The rows of one split, in manifest order. */
    public static List<BenchmarkSample> read(Path root, String split) throws IOException {
        List<BenchmarkSample> out = new ArrayList<>();
        for (BenchmarkSample s : read(root)) {
            if (s.split().equals(split)) {
                out.add(s);
            }
        }
        if (out.isEmpty()) {
            throw new IOException(root.resolve(FILE) + ": no samples in split '" + split + "'");
        }
        return out;
    }
}
