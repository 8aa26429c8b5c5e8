package vigil.liveness.selection;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import vigil.data.idx.IdxDataset;
import vigil.data.idx.LabelledImages;
import vigil.tensor.io.Json;

/**
 * The "which samples matter" experiment on an IDX image set (Fashion-MNIST): for each seed, a
 * tracked run on the full training set (its test accuracy is the full-set reference and its scores
 * rank the samples), then a run on the subset each method keeps at each fraction, and on a random
 * subset of the same size. Every run appends a line to results.jsonl as soon as it ends, and runs
 * already there are skipped, so the experiment can be run in pieces (--seeds 1, then --seeds 2, ...)
 * and resumed; settings.json pins the settings a folder was started with.
 */
public final class SelectionExperiment {
    public static final List<String> FASHION_CLASSES = List.of("T-SHIRT", "TROUSER", "PULLOVER", "DRESS", "COAT",
            "SANDAL", "SHIRT", "SNEAKER", "BAG", "ANKLE BOOT");

    /** What to run; seeds are 1..seeds. */
    public record Options(Path dataDir, Path out, int seeds, List<Double> fractions, List<SelectionMethod> methods,
                          SubsetTraining.Settings training, int scoreEpoch) {
        public Options {
            fractions.forEach(f -> SubsetSelector.keptCount(1, f));
            if (seeds < 1) {
                throw new IllegalArgumentException("--seeds must be at least 1, got " + seeds);
            }
            if (scoreEpoch < 1 || scoreEpoch > training.epochs()) {
                throw new IllegalArgumentException("score epoch " + scoreEpoch + " is outside 1.." + training.epochs());
            }
        }

        Map<String, Object> settingsJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", "mlp");
            m.put("width", training.width());
            m.put("epochs", training.epochs());
            m.put("batch_size", training.batchSize());
            m.put("lr", training.lr());
            m.put("score_epoch", scoreEpoch);
            return m;
        }
    }

    private SelectionExperiment() {
    }

    /** The training sample ids: "train:i" for image i, the ids {@link IdxDataset} gives the loader. */
    public static String[] trainIds(LabelledImages train) {
        IdxDataset dataset = new IdxDataset(train, "train");
        String[] ids = new String[train.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = dataset.sample(i).id();
        }
        return ids;
    }

    /** Runs what is missing, then writes report.md, report.json, accuracy.png and forgetting-sheet.png. */
    public static SelectionReport run(Options o, PrintStream log) throws IOException {
        LabelledImages train = LabelledImages.read(o.dataDir().resolve("train-images-idx3-ubyte.gz"),
                o.dataDir().resolve("train-labels-idx1-ubyte.gz"));
        LabelledImages test = LabelledImages.read(o.dataDir().resolve("t10k-images-idx3-ubyte.gz"),
                o.dataDir().resolve("t10k-labels-idx1-ubyte.gz"));
        Files.createDirectories(o.out());
        pinSettings(o);
        Path resultsFile = o.out().resolve("results.jsonl");
        List<SelectionRun> runs = readResults(resultsFile);
        Set<String> done = new TreeSet<>();
        runs.forEach(r -> done.add(r.key()));
        int n = train.size();
        String[] ids = trainIds(train);
        int[] labels = new int[n];
        long[] y = train.labels().longs();
        for (int i = 0; i < n; i++) {
            labels[i] = (int) y[i];
        }
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int seed = 1; seed <= o.seeds(); seed++) {
            Path scoresFile = o.out().resolve("seed-" + seed).resolve(ScoresFile.FILE_NAME);
            SampleScores scores;
            boolean fullDone = done.contains(new SelectionRun(seed, SelectionRun.FULL, 1.0, n, 0, 0).key());
            if (!fullDone || !Files.exists(scoresFile)) {
                // A lost scores file is tracked again; the same seed gives the same run, recorded once.
                SampleTracker tracker = new SampleTracker(n, o.training().epochs(), o.scoreEpoch());
                long t0 = System.nanoTime();
                double acc = SubsetTraining.run(train, test, all, o.training(), seed, tracker);
                scores = tracker.scores(ids, labels);
                ScoresFile.write(scores, scoresFile);
                if (!fullDone) {
                    runs.add(append(resultsFile, new SelectionRun(seed, SelectionRun.FULL, 1.0, n, acc, seconds(t0)), log));
                }
            } else {
                scores = ScoresFile.read(scoresFile);
            }
            for (double f : o.fractions()) {
                for (SelectionMethod m : o.methods()) {
                    if (!done.contains(new SelectionRun(seed, m.cliName(), f, 0, 0, 0).key())) {
                        int[] keep = SubsetSelector.keepTop(scores.scores(m), f);
                        runs.add(append(resultsFile, train(train, test, keep, o, seed, m.cliName(), f), log));
                    }
                }
                if (!done.contains(new SelectionRun(seed, SelectionRun.RANDOM, f, 0, 0, 0).key())) {
                    int[] keep = SubsetSelector.keepRandom(n, f, 1000L * seed + Math.round(100 * f));
                    runs.add(append(resultsFile, train(train, test, keep, o, seed, SelectionRun.RANDOM, f), log));
                }
            }
        }
        SelectionReport report = SelectionReport.of(runs);
        Files.writeString(o.out().resolve("report.md"), report.markdown(), StandardCharsets.UTF_8);
        Map<String, Object> json = report.toJson();
        json.put("settings", o.settingsJson());
        Files.writeString(o.out().resolve("report.json"), Json.write(json) + "\n", StandardCharsets.UTF_8);
        AccuracyPlot.write(report, o.out().resolve("accuracy.png"));
        SampleScores first = ScoresFile.read(o.out().resolve("seed-1"));
        int side = Math.max(train.images().dim(2), train.images().dim(3));
        int zoom = Math.max(3, (side + 15) / side); // 28 px -> 84 px cells; the sheet needs at least 16 px
        ForgettingSheet.render(first, train, FASHION_CLASSES, 30, 10, 10, zoom)
                .writePng(o.out().resolve("forgetting-sheet.png"));
        return report;
    }

    private static SelectionRun train(LabelledImages train, LabelledImages test, int[] keep, Options o, int seed,
                                      String method, double fraction) {
        long t0 = System.nanoTime();
        double acc = SubsetTraining.run(train, test, keep, o.training(), seed, null);
        return new SelectionRun(seed, method, fraction, keep.length, acc, seconds(t0));
    }

    private static double seconds(long t0) {
        return Math.round((System.nanoTime() - t0) / 1e7) / 100.0;
    }

    private static SelectionRun append(Path file, SelectionRun r, PrintStream log) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            w.write(Json.write(r.toJson()));
            w.newLine();
        }
        log.printf(Locale.ROOT, "seed %d %-10s keep %3.0f%% (%5d): test accuracy %.2f%% (%.1f s)%n", r.seed(), r.method(),
                100 * r.fraction(), r.kept(), 100 * r.accuracy(), r.seconds());
        return r;
    }

    static List<SelectionRun> readResults(Path file) throws IOException {
        List<SelectionRun> runs = new ArrayList<>();
        if (!Files.exists(file)) {
            return runs;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty()) {
                String where = file + ":" + (i + 1);
                try {
                    runs.add(SelectionRun.fromJson(Json.parseObject(line), where));
                } catch (RuntimeException e) {
                    throw new IOException(where + ": " + e.getMessage(), e);
                }
            }
        }
        return runs;
    }

    /** Writes settings.json on first use; a later run with other settings would mix results, so it fails. */
    private static void pinSettings(Options o) throws IOException {
        Path file = o.out().resolve("settings.json");
        String mine = Json.write(o.settingsJson());
        if (Files.exists(file)) {
            String theirs = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!theirs.equals(mine)) {
                throw new IOException(file + " holds " + theirs + " but this run uses " + mine
                        + "; use another --out folder to change the settings");
            }
        } else {
            Files.writeString(file, mine + "\n", StandardCharsets.UTF_8);
        }
    }
}
