package vigil.cli.check;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import vigil.data.image.BgrImage;
import vigil.face.detect.FaceBox;
import vigil.liveness.passive.FaceVerdict;

/** Draws each face's box and verdict (green live, red spoof) on a copy of the image and saves it as PNG. */
public final class Annotator {
    private static final Color LIVE = new Color(40, 200, 60);
    private static final Color SPOOF = new Color(230, 40, 40);

    private Annotator() {
    }

    /** Writes OUT_DIR/<name>.png; returns the file written. */
    public static Path write(BgrImage image, ImageResult result, Path outDir) throws IOException {
        BufferedImage canvas = image.toBufferedImage();
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            int stroke = Math.max(2, Math.min(image.width(), image.height()) / 160);
            g.setStroke(new BasicStroke(stroke));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, image.height() / 30)));
            for (FaceVerdict v : result.faces()) {
                FaceBox b = v.box();
                g.setColor(v.live() ? LIVE : SPOOF);
                g.drawRect(b.x(), b.y(), b.width(), b.height());
                String label = String.format(Locale.ROOT, "%s %.2f", v.live() ? "live" : "spoof", v.score());
                int textY = b.y() > g.getFontMetrics().getHeight() ? b.y() - stroke : b.y() + b.height()
                        + g.getFontMetrics().getAscent();
                g.drawString(label, b.x(), textY);
            }
            if (result.faces().isEmpty()) {
                g.setColor(Color.ORANGE);
                g.drawString("no face", 8, g.getFontMetrics().getAscent() + 4);
            }
        } finally {
            g.dispose();
        }
        Files.createDirectories(outDir);
        String name = result.path().getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path out = outDir.resolve((dot > 0 ? name.substring(0, dot) : name) + ".png");
        Path tmp = Files.createTempFile(outDir, ".annotate", ".png");
        try {
            if (!ImageIO.write(canvas, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return out;
    }
}
