package vigil.liveness.train;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The training curve as a PNG: top panel train loss (blue) and validation loss (red) against step,
 * bottom panel the selection metric (green) against step, each panel scaled to its data with a
 * light grid at tenths. Plain Java2D without antialiasing or text, so the same log gives the same
 * pixels on every machine (fonts differ between systems; the numbers are in metrics.jsonl).
 */
public final class TrainingCurve {
    static final int WIDTH = 640;
    static final int HEIGHT = 480;
    private static final int MARGIN = 24;
    private static final Color TRAIN = new Color(0x1f77b4);
    private static final Color VALIDATION = new Color(0xd62728);
    private static final Color METRIC = new Color(0x2ca02c);

    private TrainingCurve() {
    }

    /** Draws rows of a {@link MetricsLog} (keys "step", "train_loss", "val_loss", metricKey). */
    public static BufferedImage draw(List<Map<String, Object>> rows, String metricKey) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            int half = HEIGHT / 2;
            double[] steps = column(rows, "step");
            double[] train = column(rows, "train_loss");
            double[] val = column(rows, "val_loss");
            double[] metric = column(rows, metricKey);
            double[] lossRange = range(train, val);
            panel(g, 0, half, steps, lossRange, new double[][] {train, val}, new Color[] {TRAIN, VALIDATION});
            panel(g, half, half, steps, range(metric, metric), new double[][] {metric}, new Color[] {METRIC});
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Draws and writes the PNG atomically. */
    public static void write(List<Map<String, Object>> rows, String metricKey, Path png) throws IOException {
        writePng(draw(rows, metricKey), png);
    }

    /** Writes any image as a PNG atomically (temporary file, then rename); the evaluation plots use it too. */
    public static void writePng(BufferedImage image, Path png) throws IOException {
        Path dir = png.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, png.getFileName().toString(), ".tmp");
        try {
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer for " + png);
            }
            Files.move(tmp, png, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void panel(Graphics2D g, int top, int height, double[] steps, double[] yRange, double[][] series,
                              Color[] colors) {
        double xMin = steps.length == 0 ? 0 : steps[0];
        double xMax = steps.length == 0 ? 1 : steps[steps.length - 1];
        LinePanel.draw(g, MARGIN, top + MARGIN / 2, WIDTH - MARGIN, top + height - MARGIN / 2, steps,
                new double[] {xMin, xMax}, yRange, series, colors);
    }

    private static double[] column(List<Map<String, Object>> rows, String key) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i).get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
        }
        return out;
    }

    /** [min, max] over the finite values of both series ([0, 1] when there are none). */
    private static double[] range(double[] a, double[] b) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] s : new double[][] {a, b}) {
            for (double v : s) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return lo <= hi ? new double[] {lo, hi} : new double[] {0, 1};
    }
}
