package vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.tensor.io.Json;

/** `vigil check`: the JSON document's shape, per-image errors, exit status, annotations. */
class CheckCommandTest {
    @TempDir
    Path tmp;

    private static Path shared() {
        return Path.of(System.getProperty("vigil.shared", "../../shared"));
    }

    private CommandRun run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--models";
        all[1] = shared().resolve("models/silent-face").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CommandRun.of(new CheckCommand(), all);
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonReportsEachFaceAndEachBadImageWithoutStopping() throws Exception {
        Path notImage = tmp.resolve("notes.jpg");
        Files.writeString(notImage, "not a picture");
        Path live = shared().resolve("images/silent-face/image_T1.jpg");
        CommandRun r = run("--json", live.toString(), notImage.toString());
        assertEquals(0, r.exit());
        Map<String, Object> doc = Json.parseObject(r.out().trim());
        List<Map<String, Object>> images = (List<Map<String, Object>>) doc.get("images");
        assertEquals(2, images.size());
        Map<String, Object> first = images.get(0);
        assertNull(first.get("error"));
        List<Map<String, Object>> faces = (List<Map<String, Object>>) first.get("faces");
        assertEquals(1, faces.size());
        Map<String, Object> face = faces.get(0);
        assertEquals(List.of(106L, 147L, 207L, 213L), face.get("box"), "box of the reference pipeline");
        assertEquals(Boolean.TRUE, face.get("live"));
        assertEquals(0.9936, ((Number) face.get("score")).doubleValue(), 0.01);
        assertEquals(3, ((List<Object>) face.get("probabilities")).size());
        assertTrue(((Number) face.get("detector_score")).doubleValue() > 0.9);
        Map<String, Object> second = images.get(1);
        assertNotNull(second.get("error"));
        assertTrue(((String) second.get("error")).contains("notes.jpg"), (String) second.get("error"));
        assertEquals(List.of(), second.get("faces"));
    }

    @Test
    void exitStatusIsNonZeroOnlyWhenNoImageCouldBeProcessed() throws Exception {
        Path bad = tmp.resolve("truncated.jpg");
        byte[] jpeg = Files.readAllBytes(shared().resolve("images/silent-face/image_F1.jpg"));
        Files.write(bad, java.util.Arrays.copyOf(jpeg, jpeg.length / 3));
        CommandRun r = run(bad.toString(), tmp.resolve("missing.png").toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("truncated.jpg: error"), r.out());
        assertTrue(r.out().contains("missing.png: error"), r.out());
    }

    @Test
    void annotateWritesOnePngPerImage() throws Exception {
        Path out = tmp.resolve("annotated");
        CommandRun r = run("--annotate", out.toString(), shared().resolve("images/silent-face/image_F2.jpg").toString());
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("SPOOF"), r.out());
        assertTrue(Files.size(out.resolve("image_F2.png")) > 1000);
    }
}
