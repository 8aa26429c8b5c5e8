package vigil.cli.blink;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import vigil.liveness.blink.BlinkEvent;
import vigil.liveness.blink.BlinkEventExtractor;
import vigil.liveness.blink.BlinkFrame;
import vigil.liveness.blink.VideoBlinks;
import vigil.liveness.train.TrainingCurve;

/**
 * A PNG with one panel per video: the blink closure probability per frame (blue), each eye's CNN
 * closure probability (grey), the event thresholds (dashed) and the blinks found (shaded). Written atomically
 * like every Vigil figure ({@link TrainingCurve#writePng}).
 */
public final class ClosurePlot {
    private static final int WIDTH = 900;
    private static final int PANEL = 220;
    private static final int MARGIN = 40;

    private ClosurePlot() {
    }

    public static void write(List<VideoBlinks> videos, Path out) throws IOException {
        BufferedImage img = new BufferedImage(WIDTH, Math.max(1, videos.size()) * PANEL, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int v = 0; v < videos.size(); v++) {
            panel(g, videos.get(v), v * PANEL);
        }
        g.dispose();
        TrainingCurve.writePng(img, out);
    }

    private static void panel(Graphics2D g, VideoBlinks v, int top) {
        int x0 = MARGIN;
        int x1 = WIDTH - 10;
        int y0 = top + 25;
        int y1 = top + PANEL - 25;
        int n = Math.max(2, v.frames());
        g.setColor(new Color(255, 220, 220));
        for (BlinkEvent e : v.blinks()) {
            int a = x(e.start(), n, x0, x1) - 2;
            int b = x(e.end(), n, x0, x1) + 2;
            g.fillRect(a, y0, Math.max(3, b - a), y1 - y0);
        }
        g.setColor(Color.BLACK);
        g.drawRect(x0, y0, x1 - x0, y1 - y0);
        g.drawString(String.format(Locale.ROOT, "%s: %d frames, %.1f fps, %d blink(s)", v.path().getFileName(), v.frames(),
                v.fps(), v.blinks().size()), x0, top + 16);
        g.drawString("1", 10, y0 + 5);
        g.drawString("0", 10, y1 + 5);
        g.drawString("frame " + (n - 1), x1 - 70, y1 + 16);
        g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
        g.setColor(Color.GRAY);
        for (float t : new float[] {BlinkEventExtractor.Thresholds.DEFAULT.high(), BlinkEventExtractor.Thresholds.DEFAULT.low()}) {
            g.drawLine(x0, y(t, y0, y1), x1, y(t, y0, y1));
        }
        List<BlinkFrame> r = v.readings();
        g.setStroke(new BasicStroke(1f));
        g.setColor(new Color(170, 170, 170));
        for (int i = 1; i < r.size(); i++) {
            for (boolean left : new boolean[] {true, false}) {
                float a = left ? r.get(i - 1).leftProbability() : r.get(i - 1).rightProbability();
                float b = left ? r.get(i).leftProbability() : r.get(i).rightProbability();
                if (Float.isFinite(a) && Float.isFinite(b)) {
                    g.drawLine(x(i - 1, n, x0, x1), y(a, y0, y1), x(i, n, x0, x1), y(b, y0, y1));
                }
            }
        }
        g.setStroke(new BasicStroke(2f));
        g.setColor(new Color(30, 90, 200));
        for (int i = 1; i < r.size(); i++) {
            g.drawLine(x(i - 1, n, x0, x1), y(r.get(i - 1).closure(), y0, y1), x(i, n, x0, x1),
                    y(r.get(i).closure(), y0, y1));
        }
    }

    private static int x(int frame, int n, int x0, int x1) {
        return x0 + Math.round((float) frame * (x1 - x0) / (n - 1));
    }

    private static int y(float p, int y0, int y1) {
        return y1 - Math.round(Math.max(0, Math.min(1, p)) * (y1 - y0));
    }
}
