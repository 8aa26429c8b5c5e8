package vigil.cli.blink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vigil.liveness.blink.BlinkEvent;
import vigil.liveness.blink.VideoBlinks;
import vigil.tensor.io.Json;

/** Renders blink results as one JSON document or as text lines. */
public final class BlinkReport {
    private BlinkReport() {
    }

    /**
     * {"videos":[{"path","frames","fps","blinks":[{"start","end","peak"}],"closure":[...]}]}; a video
     * that could not be read has "error" instead of the readings.
     */
    public static String json(List<Result> results) {
        List<Object> videos = new ArrayList<>();
        for (Result r : results) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("path", r.path());
            if (r.blinks() == null) {
                v.put("error", r.error());
                videos.add(v);
                continue;
            }
            VideoBlinks b = r.blinks();
            v.put("frames", b.frames());
            v.put("fps", b.fps());
            List<Object> events = new ArrayList<>();
            for (BlinkEvent e : b.blinks()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("start", e.start());
                m.put("end", e.end());
                m.put("peak", e.peak());
                events.add(m);
            }
            v.put("blinks", events);
            List<Object> closure = new ArrayList<>();
            for (float c : b.closure()) {
                closure.add(Double.parseDouble(String.format(Locale.ROOT, "%.4f", c)));
            }
            v.put("closure", closure);
            videos.add(v);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("videos", videos);
        return Json.write(doc);
    }

    /** One line per video, then one per blink. */
    public static List<String> text(Result r) {
        List<String> lines = new ArrayList<>();
        if (r.blinks() == null) {
            lines.add(r.path() + ": error: " + r.error());
            return lines;
        }
        VideoBlinks b = r.blinks();
        long faces = b.readings().stream().filter(f -> f.faceFound()).count();
        lines.add(String.format(Locale.ROOT, "%s: %d frames at %.2f fps, face in %d, %d blink(s)", r.path(), b.frames(),
                b.fps(), faces, b.blinks().size()));
        for (BlinkEvent e : b.blinks()) {
            lines.add(String.format(Locale.ROOT, "  blink: frames %d-%d, peak %d (%.3f s), closure %.3f", e.start(),
                    e.end(), e.peak(), e.peakSeconds(), e.peakClosure()));
        }
        return lines;
    }

    /** A video's outcome: its readings, or the error that stopped it. */
    public record Result(String path, VideoBlinks blinks, String error) {
    }
}
