package vigil.liveness.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import vigil.liveness.train.TrainingCurve;

/**
 * A small reusable plot surface for PNG figures: panels with a frame and grid lines at given data
 * values, polylines and filled bars in data coordinates. Like {@link TrainingCurve} it draws no text
 * and no antialiasing, so the same data gives the same pixels everywhere; what each colour means is
 * written next to the figure (in the evaluation report). Writing goes through
 * {@link TrainingCurve#writePng}, the one atomic PNG writer.
 */
public final class PlotCanvas {
    /** Series colours, in order (the matplotlib "tab10" palette). */
    public static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};
    private static final int MARGIN = 24;

    private final BufferedImage image;
    private final Graphics2D g;

    public PlotCanvas(int width, int height) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
    }

    /** "#rrggbb" of a palette entry, for the legend in the report. */
    public static String hex(int series) {
        return String.format("#%06x", PALETTE[series % PALETTE.length].getRGB() & 0xffffff);
    }

    /** A rectangle of the canvas mapped to data [x0, x1] x [y0, y1] (y up). */
    public final class Panel {
        private final int left;
        private final int top;
        private final int right;
        private final int bottom;
        private final double x0;
        private final double x1;
        private final double y0;
        private final double y1;

        private Panel(int left, int top, int right, int bottom, double x0, double x1, double y0, double y1) {
            this.left = left;
            this.top = top;
            this.right = right;
            this.bottom = bottom;
            this.x0 = x0;
            this.x1 = x1;
            this.y0 = y0;
            this.y1 = y1;
        }

        int px(double x) {
            double t = x1 > x0 ? (Math.max(x0, Math.min(x1, x)) - x0) / (x1 - x0) : 0.5;
            return left + (int) Math.round((right - left) * t);
        }

        int py(double y) {
            double t = y1 > y0 ? (Math.max(y0, Math.min(y1, y)) - y0) / (y1 - y0) : 0.5;
            return bottom - (int) Math.round((bottom - top) * t);
        }

        /** Light grid lines at the given x and y data values, then the black frame. */
        public Panel grid(double[] xs, double[] ys) {
            g.setStroke(new BasicStroke(1f));
            g.setColor(new Color(0xe0e0e0));
            for (double x : xs) {
                g.drawLine(px(x), top, px(x), bottom);
            }
            for (double y : ys) {
                g.drawLine(left, py(y), right, py(y));
            }
            g.setColor(Color.BLACK);
            g.drawRect(left, top, right - left, bottom - top);
            return this;
        }

        /** A polyline through (xs[i], ys[i]) in a palette colour; non-finite points break the line. */
        public Panel line(double[] xs, double[] ys, int series, float width) {
            g.setColor(PALETTE[series % PALETTE.length]);
            g.setStroke(new BasicStroke(width));
            int px = Integer.MIN_VALUE;
            int py = 0;
            for (int i = 0; i < xs.length; i++) {
                if (!Double.isFinite(xs[i]) || !Double.isFinite(ys[i])) {
                    px = Integer.MIN_VALUE;
                    continue;
                }
                int x = px(xs[i]);
                int y = py(ys[i]);
                if (px != Integer.MIN_VALUE) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            return this;
        }

        /** A dashed grey reference line from (xa, ya) to (xb, yb). */
        public Panel reference(double xa, double ya, double xb, double yb) {
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
            g.drawLine(px(xa), py(ya), px(xb), py(yb));
            return this;
        }

        /** Bars of heights[i] over [edges[i], edges[i+1]], outlined in a palette colour (so series may overlap). */
        public Panel bars(double[] edges, double[] heights, int series) {
            Color c = PALETTE[series % PALETTE.length];
            g.setStroke(new BasicStroke(2f));
            for (int i = 0; i < heights.length; i++) {
                int xa = px(edges[i]);
                int xb = px(edges[i + 1]);
                int ya = py(heights[i]);
                g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 70));
                g.fillRect(xa, ya, Math.max(1, xb - xa), Math.max(0, py(y0) - ya));
                g.setColor(c);
                g.drawLine(xa, ya, xb, ya);
            }
            return this;
        }
    }

    /** A panel filling the canvas rectangle (x, y, w, h) less a margin. */
    public Panel panel(int x, int y, int w, int h, double x0, double x1, double y0, double y1) {
        return new Panel(x + MARGIN, y + MARGIN / 2, x + w - MARGIN, y + h - MARGIN / 2, x0, x1, y0, y1);
    }

    public BufferedImage image() {
        return image;
    }

    public void write(Path png) throws IOException {
        g.dispose();
        TrainingCurve.writePng(image, png);
    }
}
