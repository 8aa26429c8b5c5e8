package vigil.liveness.selection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Test accuracy per (method, fraction kept), averaged over seeds, with the paired difference to the
 * random subset of the same size and seed; the full-set runs give the reference row.
 */
public record SelectionReport(Cell full, List<Cell> cells, List<String> methods, List<Double> fractions, int trainSize) {

    /**
     * Accuracy over seeds of one method at one fraction. minusRandom is the mean over seeds of
     * (accuracy - random accuracy at the same fraction and seed), NaN for random itself and for full;
     * wins counts the seeds where the method beat random, out of {@code paired} seeds that have both.
     */
    public record Cell(String method, double fraction, int kept, double mean, double std, int seeds, double minusRandom,
                       int wins, int paired) {
    }

    /** Groups the runs; methods are listed random first, then in the order they first appear. */
    public static SelectionReport of(List<SelectionRun> runs) {
        List<String> methods = new ArrayList<>();
        methods.add(SelectionRun.RANDOM);
        TreeSet<Double> fractions = new TreeSet<>();
        List<SelectionRun> fullRuns = new ArrayList<>();
        for (SelectionRun r : runs) {
            if (r.method().equals(SelectionRun.FULL)) {
                fullRuns.add(r);
                continue;
            }
            if (!methods.contains(r.method())) {
                methods.add(r.method());
            }
            fractions.add(r.fraction());
        }
        if (fullRuns.isEmpty()) {
            throw new IllegalArgumentException("selection report: no full-set run among " + runs.size() + " runs");
        }
        Cell full = cell(SelectionRun.FULL, 1.0, fullRuns, List.of());
        List<Cell> cells = new ArrayList<>();
        for (String m : methods) {
            for (double f : fractions) {
                List<SelectionRun> mine = runs.stream().filter(r -> r.method().equals(m) && r.fraction() == f).toList();
                List<SelectionRun> random = runs.stream()
                        .filter(r -> r.method().equals(SelectionRun.RANDOM) && r.fraction() == f).toList();
                if (!mine.isEmpty()) {
                    cells.add(cell(m, f, mine, m.equals(SelectionRun.RANDOM) ? List.of() : random));
                }
            }
        }
        return new SelectionReport(full, cells, methods, List.copyOf(fractions), fullRuns.get(0).kept());
    }

    private static Cell cell(String method, double fraction, List<SelectionRun> runs, List<SelectionRun> random) {
        double sum = 0;
        for (SelectionRun r : runs) {
            sum += r.accuracy();
        }
        double mean = sum / runs.size();
        double ss = 0;
        for (SelectionRun r : runs) {
            ss += (r.accuracy() - mean) * (r.accuracy() - mean);
        }
        double std = runs.size() > 1 ? Math.sqrt(ss / (runs.size() - 1)) : 0;
        double diff = 0;
        int paired = 0;
        int wins = 0;
        for (SelectionRun r : runs) {
            for (SelectionRun q : random) {
                if (q.seed() == r.seed()) {
                    diff += r.accuracy() - q.accuracy();
                    paired++;
                    wins += r.accuracy() > q.accuracy() ? 1 : 0;
                }
            }
        }
        return new Cell(method, fraction, runs.get(0).kept(), mean, std, runs.size(),
                paired == 0 ? Double.NaN : diff / paired, wins, paired);
    }

    /** The cell of a method at a fraction, or null. */
    public Cell cell(String method, double fraction) {
        return cells.stream().filter(c -> c.method().equals(method) && c.fraction() == fraction).findFirst().orElse(null);
    }

    /** Two markdown tables: accuracy (mean +- sample std over seeds) and selected minus random. */
    public String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("| kept |");
        methods.forEach(m -> b.append(' ').append(m).append(" |"));
        b.append('\n').append("|---|");
        methods.forEach(m -> b.append("---:|"));
        b.append('\n');
        for (double f : fractions) {
            Cell any = cells.stream().filter(c -> c.fraction() == f).findFirst().orElseThrow();
            b.append(String.format(Locale.ROOT, "| %.0f%% (%d) |", 100 * f, any.kept()));
            for (String m : methods) {
                Cell c = cell(m, f);
                b.append(c == null ? " - |" : String.format(Locale.ROOT, " %.2f ± %.2f |", 100 * c.mean(), 100 * c.std()));
            }
            b.append('\n');
        }
        b.append(String.format(Locale.ROOT, "| 100%% (%d), full set | %.2f ± %.2f |", trainSize, 100 * full.mean(),
                100 * full.std()));
        b.append(" |".repeat(methods.size() - 1)).append("\n\n");
        b.append("Selected minus random of the same size and seed (percentage points, mean over seeds; in brackets the\n"
                + "seeds where the selected subset beat the random one):\n\n| kept |");
        methods.stream().skip(1).forEach(m -> b.append(' ').append(m).append(" |"));
        b.append('\n').append("|---|");
        methods.stream().skip(1).forEach(m -> b.append("---:|"));
        b.append('\n');
        for (double f : fractions) {
            b.append(String.format(Locale.ROOT, "| %.0f%% |", 100 * f));
            for (String m : methods.subList(1, methods.size())) {
                Cell c = cell(m, f);
                b.append(c == null || Double.isNaN(c.minusRandom()) ? " - |"
                        : String.format(Locale.ROOT, " %+.2f (%d/%d) |", 100 * c.minusRandom(), c.wins(), c.paired()));
            }
            b.append('\n');
        }
        return b.toString();
    }

    public Map<String, Object> toJson() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("train_size", trainSize);
        doc.put("full", cellJson(full));
        List<Object> list = new ArrayList<>();
        cells.forEach(c -> list.add(cellJson(c)));
        doc.put("cells", list);
        return doc;
    }

    private static Map<String, Object> cellJson(Cell c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", c.method());
        m.put("fraction", c.fraction());
        m.put("kept", c.kept());
        m.put("accuracy_mean", c.mean());
        m.put("accuracy_std", c.std());
        m.put("seeds", c.seeds());
        m.put("minus_random", Double.isNaN(c.minusRandom()) ? null : c.minusRandom());
        m.put("wins_over_random", c.paired() == 0 ? null : c.wins());
        return m;
    }
}
