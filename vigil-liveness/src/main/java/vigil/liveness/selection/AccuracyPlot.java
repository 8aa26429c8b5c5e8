package vigil.liveness.selection;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import vigil.data.augment.BitmapFont;
import vigil.data.image.BgrImage;
import vigil.data.image.BufferedImageToBgr;
import vigil.liveness.train.LinePanel;

/**
 * Test accuracy (mean over seeds, percent) against the fraction of the training set kept, one line
 * per method, each ending at the full-set accuracy at 100%. Lines are drawn with {@link LinePanel}
 * and the text with the built-in {@link BitmapFont}, so the same report gives the same pixels on
 * every machine.
 */
public final class AccuracyPlot {
    static final int WIDTH = 760;
    static final int HEIGHT = 480;
    private static final int LEFT = 70;
    private static final int TOP = 40;
    private static final int RIGHT = 560;
    private static final int BOTTOM = 430;
    private static final int TEXT_SCALE = 2;

    private AccuracyPlot() {
    }

    /** The line colour of a method: random grey, the scores in the usual matplotlib order. */
    static Color colour(String method) {
        return switch (method) {
            case SelectionRun.RANDOM -> new Color(0x7f7f7f);
            case "forgetting" -> new Color(0xd62728);
            case "el2n" -> new Color(0x1f77b4);
            case "gradnorm" -> new Color(0x2ca02c);
            case "confidence" -> new Color(0xff7f0e);
            default -> new Color(0x9467bd);
        };
    }

    public static BgrImage draw(SelectionReport report) {
        List<Double> fractions = report.fractions();
        int points = fractions.size() + 1;
        double[] x = new double[points];
        for (int i = 0; i < fractions.size(); i++) {
            x[i] = fractions.get(i);
        }
        x[points - 1] = 1.0;
        List<String> methods = report.methods();
        double[][] series = new double[methods.size()][points];
        Color[] colours = new Color[methods.size()];
        double lo = report.full().mean();
        double hi = report.full().mean();
        for (int m = 0; m < methods.size(); m++) {
            colours[m] = colour(methods.get(m));
            for (int i = 0; i < fractions.size(); i++) {
                SelectionReport.Cell c = report.cell(methods.get(m), fractions.get(i));
                series[m][i] = c == null ? Double.NaN : 100 * c.mean();
                if (c != null) {
                    lo = Math.min(lo, c.mean());
                    hi = Math.max(hi, c.mean());
                }
            }
            series[m][points - 1] = 100 * report.full().mean();
        }
        // Whole percent bounds with a little room, so the tick labels are round numbers.
        double[] yRange = {Math.floor(100 * lo - 0.5), Math.ceil(100 * hi + 0.5)};
        double[] xRange = {Math.max(0, x[0] - 0.05), 1.05};

        BufferedImage canvas = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            LinePanel.draw(g, LEFT, TOP, RIGHT, BOTTOM, x, xRange, yRange, series, colours);
            for (int m = 0; m < methods.size(); m++) {
                g.setColor(colours[m]);
                g.fillRect(RIGHT + 20, TOP + 10 + m * 24, 16, 12);
            }
        } finally {
            g.dispose();
        }
        BgrImage image = BufferedImageToBgr.convert(canvas);
        text(image, "TEST ACCURACY PERCENT - MEAN OVER SEEDS - VS PART OF TRAINING SET KEPT", LEFT, 12);
        for (int k = 0; k <= 10; k += 2) {
            double v = yRange[0] + (yRange[1] - yRange[0]) * k / 10;
            int y = LinePanel.yPixel(v, TOP, BOTTOM, yRange);
            text(image, String.format(Locale.ROOT, "%.1f", v), 8, y - 5);
        }
        for (double xv : x) {
            int px = LinePanel.xPixel(xv, LEFT, RIGHT, xRange);
            text(image, String.format(Locale.ROOT, "%.0f", 100 * xv), px - 8, BOTTOM + 8);
        }
        text(image, "PERCENT OF THE TRAINING SET KEPT", (LEFT + RIGHT) / 2 - 120, BOTTOM + 30);
        for (int m = 0; m < methods.size(); m++) {
            text(image, methods.get(m), RIGHT + 44, TOP + 11 + m * 24);
        }
        return image;
    }

    public static void write(SelectionReport report, Path png) throws IOException {
        draw(report).writePng(png);
    }

    private static void text(BgrImage image, String s, int x, int y) {
        BitmapFont.draw(image, s, x, y, TEXT_SCALE, 0);
    }
}
