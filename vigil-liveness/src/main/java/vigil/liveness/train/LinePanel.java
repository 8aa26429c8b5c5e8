package vigil.liveness.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;

/**
 * One plot panel in plain Java2D: a frame with a light grid at tenths of its height, and series
 * drawn as 2 px polylines over shared x values (a NaN value breaks the line; an isolated point is a
 * 3 px dot). Used by {@link TrainingCurve} and the sample-selection accuracy plot.
 */
public final class LinePanel {
    private static final Color GRID = new Color(0xe0e0e0);

    private LinePanel() {
    }

    /**
     * Draws into the box [left, right] x [top, bottom] (pixels, y down); x values map linearly from
     * xRange, series values from yRange (a degenerate range maps to the middle).
     */
    public static void draw(Graphics2D g, int left, int top, int right, int bottom, double[] x, double[] xRange,
                            double[] yRange, double[][] series, Color[] colors) {
        g.setStroke(new BasicStroke(1f));
        g.setColor(GRID);
        for (int k = 1; k < 10; k++) {
            int y = top + (bottom - top) * k / 10;
            g.drawLine(left, y, right, y);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, right - left, bottom - top);
        g.setStroke(new BasicStroke(2f));
        for (int s = 0; s < series.length; s++) {
            g.setColor(colors[s]);
            int px = -1;
            int py = -1;
            for (int i = 0; i < x.length; i++) {
                double v = series[s][i];
                if (Double.isNaN(v)) {
                    px = -1;
                    continue;
                }
                int xp = left + (int) Math.round((right - left) * scale(x[i], xRange[0], xRange[1]));
                int yp = bottom - (int) Math.round((bottom - top) * scale(v, yRange[0], yRange[1]));
                if (px >= 0) {
                    g.drawLine(px, py, xp, yp);
                } else {
                    g.fillRect(xp - 1, yp - 1, 3, 3);
                }
                px = xp;
                py = yp;
            }
        }
    }

    /** The pixel row of value v in a box drawn with {@link #draw}. */
    public static int yPixel(double v, int top, int bottom, double[] yRange) {
        return bottom - (int) Math.round((bottom - top) * scale(v, yRange[0], yRange[1]));
    }

    /** The pixel column of value x in a box drawn with {@link #draw}. */
    public static int xPixel(double x, int left, int right, double[] xRange) {
        return left + (int) Math.round((right - left) * scale(x, xRange[0], xRange[1]));
    }

    private static double scale(double v, double lo, double hi) {
        return hi > lo ? (v - lo) / (hi - lo) : 0.5;
    }
}
