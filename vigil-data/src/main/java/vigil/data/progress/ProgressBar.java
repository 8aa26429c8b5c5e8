package vigil.data.progress;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on a terminal stream: done/total, items per second, time left, and a
 * free-form status (loss, accuracy). Redraws at most every 200 ms so printing never slows a loop.
 */
public final class ProgressBar {
    private static final int WIDTH = 28;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final long start = System.nanoTime();
    private long lastDraw;
    private long done;

    public ProgressBar(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = total;
    }

    /** Advances by n items and redraws if enough time passed. */
    public void step(long n, String status) {
        done += n;
        long now = System.nanoTime();
        if (now - lastDraw >= REDRAW_NANOS || done >= total) {
            lastDraw = now;
            draw(now, status);
        }
    }

    /** Draws the final state and ends the line. */
    public void finish(String status) {
        draw(System.nanoTime(), status);
        out.println();
    }

    private void draw(long now, String status) {
        double seconds = Math.max((now - start) / 1e9, 1e-9);
        double rate = done / seconds;
        int filled = total <= 0 ? 0 : (int) Math.min(WIDTH, WIDTH * done / total);
        String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
        long left = rate > 0 ? (long) ((total - done) / rate) : 0;
        out.print(String.format(Locale.ROOT, "\r%s [%s] %d/%d %.0f it/s %s left %s", label, bar, done, total, rate,
                clock(left), status == null ? "" : status));
        out.flush();
    }

    private static String clock(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
