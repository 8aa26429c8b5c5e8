package vigil.cli.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vigil.face.detect.FaceBox;
import vigil.liveness.passive.FaceVerdict;
import vigil.tensor.io.Json;

/** Renders check results as one JSON document, or as one text line per face. */
public final class CheckReport {
    private CheckReport() {
    }

    /** {"images":[{"path":..., "faces":[{"box":[x,y,w,h], "detector_score", "live", "score", "probabilities"}], "error"}]} */
    public static String json(List<ImageResult> results) {
        List<Object> images = new ArrayList<>();
        for (ImageResult r : results) {
            Map<String, Object> img = new LinkedHashMap<>();
            img.put("path", r.path().toString());
            List<Object> faces = new ArrayList<>();
            for (FaceVerdict v : r.faces()) {
                Map<String, Object> f = new LinkedHashMap<>();
                FaceBox b = v.box();
                f.put("box", List.of(b.x(), b.y(), b.width(), b.height()));
                f.put("detector_score", (double) b.confidence());
                f.put("live", v.live());
                f.put("score", (double) v.score());
                List<Object> p = new ArrayList<>();
                for (float x : v.probabilities()) {
                    p.add((double) x);
                }
                f.put("probabilities", p);
                faces.add(f);
            }
            img.put("faces", faces);
            img.put("error", r.error());
            images.add(img);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("images", images);
        return Json.write(doc);
    }

    /** "path: face 1 at [x,y,w,h] (detector 0.99): LIVE, score 0.993", "path: no face", "path: error: ...". */
    public static List<String> text(ImageResult r) {
        List<String> lines = new ArrayList<>();
        if (!r.ok()) {
            lines.add(r.path() + ": error: " + r.error());
        } else if (r.faces().isEmpty()) {
            lines.add(r.path() + ": no face");
        } else {
            int i = 1;
            for (FaceVerdict v : r.faces()) {
                FaceBox b = v.box();
                lines.add(String.format(Locale.ROOT, "%s: face %d at [%d,%d,%d,%d] (detector %.2f): %s, score %.3f",
                        r.path(), i++, b.x(), b.y(), b.width(), b.height(), b.confidence(),
                        v.live() ? "LIVE" : "SPOOF (class " + v.label() + ")", v.score()));
            }
        }
        return lines;
    }
}
