package vigil.liveness.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.liveness.metrics.Hter;
import vigil.liveness.metrics.PadMetrics;
import vigil.liveness.metrics.ScoreCsv;
import vigil.liveness.metrics.ScoredSample;
import vigil.tensor.init.Rng;
import vigil.tensor.io.Json;

/** The report carries PadMetrics' numbers for the same scores, and the plots are real PNGs. */
class EvaluationReportTest {
    @TempDir
    Path dir;

    /** Overlapping score distributions with ties (scores rounded to 1/50): live ~ N(0.65, 0.15), attacks lower. */
    static List<ScoredSample> scores(long seed, int lives, int perType) {
        Rng rng = new Rng(seed);
        List<ScoredSample> out = new ArrayList<>();
        for (int i = 0; i < lives; i++) {
            out.add(ScoredSample.live(Math.round(50 * (0.65 + 0.15 * rng.nextGaussian())) / 50.0));
        }
        String[] types = {"print-halftone", "replay-moire", "print-glossy"};
        for (int t = 0; t < types.length; t++) {
            for (int i = 0; i < perType; i++) {
                out.add(ScoredSample.attack(Math.round(50 * (0.3 + 0.1 * t + 0.15 * rng.nextGaussian())) / 50.0, types[t]));
            }
        }
        return out;
    }

    @Test
    void reportNumbersEqualPadMetricsAtTheDevThreshold() throws IOException {
        List<ScoredSample> dev = scores(1, 40, 30);
        List<ScoredSample> test = scores(2, 50, 35);
        EvaluationReport r = EvaluationReport.of("m", "d", "test", test, "dev", dev);
        double devEerThreshold = PadMetrics.of(dev, 0.5).eerThreshold();
        assertEquals(devEerThreshold, r.threshold(), 0.0);
        r.write(dir);
        @SuppressWarnings("unchecked")
        Map<String, Object> report = Json.parseObject(Files.readString(dir.resolve("report.json"), StandardCharsets.UTF_8));
        Map<String, Object> expected = PadMetrics.of(test, devEerThreshold).toJson();
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = (Map<String, Object>) report.get("metrics");
        for (String key : expected.keySet()) {
            // Both sides go through Json.write, so equal doubles print identically (exact equality).
            assertEquals(Json.write(expected.get(key)), Json.write(metrics.get(key)), key);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> hter = (Map<String, Object>) report.get("hter");
        assertEquals(Hter.of(dev, test).hter(), ((Number) hter.get("hter")).doubleValue(), 0.0);
        @SuppressWarnings("unchecked")
        Map<String, Object> atHalf = (Map<String, Object>) report.get("metrics_at_0.5");
        assertEquals(PadMetrics.of(test, 0.5).acer(), ((Number) atHalf.get("acer")).doubleValue(), 0.0);
    }

    @Test
    void scoreCsvRoundTripsExactly() throws IOException {
        List<ScoredSample> test = scores(3, 20, 10);
        EvaluationReport.of("m", "d", "test", test, null, null).write(dir);
        assertEquals(test, ScoreCsv.read(dir.resolve("scores-test.csv")));
    }

    @Test
    void plotsArePngsOfTheStatedSizeWithTheSeriesColours() throws IOException {
        List<ScoredSample> test = scores(4, 30, 20);
        EvaluationReport.of("m", "d", "test", test, "dev", scores(5, 30, 20)).write(dir);
        for (String name : List.of("roc.png", "det.png")) {
            BufferedImage png = ImageIO.read(dir.resolve(name).toFile());
            assertEquals(PadPlots.WIDTH, png.getWidth(), name);
            assertEquals(PadPlots.HEIGHT, png.getHeight(), name);
            Set<Integer> colours = colours(png);
            // every series (pooled + 3 types) drew some pixels in its palette colour
            for (int k = 0; k < 4; k++) {
                assertTrue(colours.contains(PlotCanvas.PALETTE[k].getRGB() & 0xffffff), name + " lacks series " + k);
            }
        }
        BufferedImage hist = ImageIO.read(dir.resolve("histograms.png").toFile());
        assertEquals(PadPlots.WIDTH, hist.getWidth());
        assertEquals(3 * PadPlots.HISTOGRAM_ROW, hist.getHeight());
        assertTrue(colours(hist).contains(PlotCanvas.PALETTE[PadPlots.LIVE_SERIES].getRGB() & 0xffffff));
    }

    private static Set<Integer> colours(BufferedImage image) {
        Set<Integer> s = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                s.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return s;
    }
}
