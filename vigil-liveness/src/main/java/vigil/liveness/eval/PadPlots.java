package vigil.liveness.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import vigil.liveness.metrics.ScoredSample;

/**
 * The evaluation figures, each a PNG of {@link #WIDTH} x {@link #HEIGHT} (histograms: one panel row per
 * attack type). Series colours: {@link PlotCanvas#PALETTE}[0] all attacks pooled, [k + 1] the k-th attack
 * type in sorted order; in the histograms live samples are drawn in the palette's grey.
 *
 * <ul>
 * <li>roc.png: x = APCER (attacks accepted), y = 1 - BPCER (live accepted), both 0..1; grid at tenths;
 *     the dashed diagonal is chance.
 * <li>det.png: x = APCER, y = BPCER on normal-deviate axes from 0.1% to 50%; grid at 0.1, 0.2, 0.5, 1, 2,
 *     5, 10, 20, 40%; rates outside the range are clamped to the edge.
 * <li>histograms.png: per attack type, the score histogram (20 bins over [0, 1], or over the score range
 *     when scores leave it) of live samples and of that type, each normalised to its own count.
 * </ul>
 */
public final class PadPlots {
    public static final int WIDTH = 480;
    public static final int HEIGHT = 480;
    public static final int HISTOGRAM_ROW = 160;
    public static final int LIVE_SERIES = 7;
    static final double[] DET_TICKS = {0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.4};
    private static final double DET_LO = 0.001;
    private static final double DET_HI = 0.5;
    private static final int BINS = 20;

    private PadPlots() {
    }

    /** The attack types in plotting order (sorted). */
    public static List<String> types(List<ScoredSample> samples) {
        TreeSet<String> types = new TreeSet<>();
        samples.stream().filter(s -> !s.live()).forEach(s -> types.add(s.attackType()));
        return new ArrayList<>(types);
    }

    /** Colour of each series ("all attacks", each type, "live") as #rrggbb, for the report's legend. */
    public static Map<String, String> legend(List<ScoredSample> samples) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("all attacks", PlotCanvas.hex(0));
        List<String> types = types(samples);
        for (int k = 0; k < types.size(); k++) {
            m.put(types.get(k), PlotCanvas.hex(k + 1));
        }
        m.put("live", PlotCanvas.hex(LIVE_SERIES));
        return m;
    }

    public static void roc(List<ScoredSample> samples, Path png) throws IOException {
        PlotCanvas canvas = new PlotCanvas(WIDTH, HEIGHT);
        double[] tenths = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
        PlotCanvas.Panel p = canvas.panel(0, 0, WIDTH, HEIGHT, 0, 1, 0, 1).grid(tenths, tenths).reference(0, 0, 1, 1);
        double[] live = scores(samples, true, null);
        List<String> types = types(samples);
        for (int k = -1; k < types.size(); k++) {
            ErrorCurve c = ErrorCurve.of(live, scores(samples, false, k < 0 ? null : types.get(k)));
            double[] tpr = new double[c.bpcer().length];
            for (int i = 0; i < tpr.length; i++) {
                tpr[i] = 1 - c.bpcer()[i];
            }
            p.line(c.apcer(), tpr, k + 1, k < 0 ? 3f : 2f);
        }
        canvas.write(png);
    }

    public static void det(List<ScoredSample> samples, Path png) throws IOException {
        PlotCanvas canvas = new PlotCanvas(WIDTH, HEIGHT);
        double lo = NormalDeviate.of(DET_LO);
        double hi = NormalDeviate.of(DET_HI);
        double[] ticks = new double[DET_TICKS.length];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = NormalDeviate.of(DET_TICKS[i]);
        }
        PlotCanvas.Panel p = canvas.panel(0, 0, WIDTH, HEIGHT, lo, hi, lo, hi).grid(ticks, ticks).reference(lo, lo, hi, hi);
        double[] live = scores(samples, true, null);
        List<String> types = types(samples);
        for (int k = -1; k < types.size(); k++) {
            ErrorCurve c = ErrorCurve.of(live, scores(samples, false, k < 0 ? null : types.get(k)));
            double[] x = new double[c.apcer().length];
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = deviate(c.apcer()[i]);
                y[i] = deviate(c.bpcer()[i]);
            }
            p.line(x, y, k + 1, k < 0 ? 3f : 2f);
        }
        canvas.write(png);
    }

    public static void histograms(List<ScoredSample> samples, Path png) throws IOException {
        List<String> types = types(samples);
        int rows = Math.max(1, types.size());
        PlotCanvas canvas = new PlotCanvas(WIDTH, HISTOGRAM_ROW * rows);
        double min = 0;
        double max = 1;
        for (ScoredSample s : samples) {
            min = Math.min(min, s.score());
            max = Math.max(max, s.score());
        }
        double[] edges = new double[BINS + 1];
        for (int i = 0; i <= BINS; i++) {
            edges[i] = min + (max - min) * i / BINS;
        }
        double[] live = histogram(scores(samples, true, null), edges);
        for (int k = 0; k < types.size(); k++) {
            double[] attack = histogram(scores(samples, false, types.get(k)), edges);
            double top = 0;
            for (int i = 0; i < BINS; i++) {
                top = Math.max(top, Math.max(live[i], attack[i]));
            }
            canvas.panel(0, HISTOGRAM_ROW * k, WIDTH, HISTOGRAM_ROW, min, max, 0, top > 0 ? top : 1)
                    .grid(new double[] {min + (max - min) / 2}, new double[0])
                    .bars(edges, live, LIVE_SERIES).bars(edges, attack, k + 1);
        }
        canvas.write(png);
    }

    /** Shares of scores per bin (the last bin includes its upper edge); all zero when there are none. */
    static double[] histogram(double[] scores, double[] edges) {
        int bins = edges.length - 1;
        double[] h = new double[bins];
        double width = edges[bins] - edges[0];
        for (double s : scores) {
            int b = (int) Math.floor((s - edges[0]) / width * bins);
            h[Math.max(0, Math.min(bins - 1, b))] += 1.0 / scores.length;
        }
        return h;
    }

    /** Rates clamped into the DET range before the transform, so 0 and 1 land on the edges. */
    private static double deviate(double rate) {
        return NormalDeviate.of(Math.max(DET_LO, Math.min(DET_HI, rate)));
    }

    /** Live scores, or the scores of one attack type (all attacks when type is null). */
    static double[] scores(List<ScoredSample> samples, boolean live, String type) {
        return samples.stream().filter(s -> s.live() == live && (live || type == null || s.attackType().equals(type)))
                .mapToDouble(ScoredSample::score).toArray();
    }
}
