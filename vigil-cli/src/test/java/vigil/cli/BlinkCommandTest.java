package vigil.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.tensor.io.Json;

/** `vigil blink`: the JSON document's shape (as the issue specifies it), per-video errors, the plot. */
class BlinkCommandTest {
    @TempDir
    Path tmp;

    private static Path cache() {
        return Path.of(System.getProperty("vigil.data.cache", "../.cache/data"));
    }

    private static Path clip() {
        Path clip = cache().resolve("video/kphotoalbum_movie.avi");
        assumeTrue(Files.isRegularFile(clip) && Files.isDirectory(cache().resolve("face-api")),
                "clip or face-api models not fetched under " + cache().toAbsolutePath() + "; run scripts/fetch-test-data.sh");
        return clip;
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonHasFramesFpsBlinksAndOneClosurePerFrame() throws Exception {
        Path clip = clip();
        Path plot = tmp.resolve("closure.png");
        CommandRun r = CommandRun.of(new BlinkCommand(), "--json", "--plot", plot.toString(), "--face-models",
                cache().resolve("face-api").toString(), clip.toString());
        assertEquals(0, r.exit(), r.err());
        Map<String, Object> doc = Json.parseObject(r.out().trim());
        List<Map<String, Object>> videos = (List<Map<String, Object>>) doc.get("videos");
        assertEquals(1, videos.size());
        Map<String, Object> v = videos.get(0);
        assertEquals(List.of("path", "frames", "fps", "blinks", "closure"), List.copyOf(v.keySet()));
        assertEquals(68L, v.get("frames"));
        assertEquals(15.0, ((Number) v.get("fps")).doubleValue(), 1e-3); // the AVI header's 66,666 us per frame
        List<Object> closure = (List<Object>) v.get("closure");
        assertEquals(68, closure.size());
        for (Object c : closure) {
            double d = ((Number) c).doubleValue();
            assertTrue(d >= 0 && d <= 1, "closure " + d);
        }
        List<Map<String, Object>> blinks = (List<Map<String, Object>>) v.get("blinks");
        assertEquals(1, blinks.size());
        assertEquals(List.of("start", "end", "peak"), List.copyOf(blinks.get(0).keySet()));
        assertEquals(900, ImageIO.read(plot.toFile()).getWidth());
    }

    @Test
    @SuppressWarnings("unchecked")
    void truncatedVideoGetsAnErrorEntryAndANonZeroExit() throws Exception {
        byte[] all = Files.readAllBytes(clip());
        Path cut = tmp.resolve("cut.avi");
        Files.write(cut, Arrays.copyOf(all, all.length / 3));
        CommandRun r = CommandRun.of(new BlinkCommand(), "--json", "--face-models", cache().resolve("face-api").toString(),
                cut.toString());
        assertEquals(1, r.exit());
        Map<String, Object> v = ((List<Map<String, Object>>) Json.parseObject(r.out().trim()).get("videos")).get(0);
        String error = (String) v.get("error");
        assertTrue(error.contains("cut.avi") && error.contains("byte offset"), error);
    }
}
