package vigil.liveness.int8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `check --int8`'s model folder: quantized on first use, reused after, a clear error without photos. */
class Int8ModelCacheTest {
    @TempDir
    Path tmp;

    @Test
    void quantizesEveryPthOnceThenReusesTheFiles() throws IOException {
        Path dir = tmp.resolve("int8");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        List<Path> first = Int8ModelCache.ensure(Int8Fixtures.models(), dir, List.of(Int8Fixtures.photos()),
                Int8Fixtures.THRESHOLD, out);
        assertEquals(List.of(dir.resolve("2.7_80x80_MiniFASNetV2" + Int8ModelFile.SUFFIX),
                dir.resolve("4_0_0_80x80_MiniFASNetV1SE" + Int8ModelFile.SUFFIX)), first);
        long stamp = Files.getLastModifiedTime(first.get(0)).toMillis();
        int lines = log.toString(StandardCharsets.UTF_8).split("\n").length;
        List<Path> second = Int8ModelCache.ensure(Int8Fixtures.models(), dir, List.of(Int8Fixtures.photos()),
                Int8Fixtures.THRESHOLD, out);
        assertEquals(first, second);
        assertEquals(stamp, Files.getLastModifiedTime(second.get(0)).toMillis(), "not rewritten");
        assertEquals(lines, log.toString(StandardCharsets.UTF_8).split("\n").length, "nothing quantized again");
        assertEquals("percentile:99.99", Int8ModelFile.read(first.get(1)).info().calibration());
    }

    @Test
    void missingCalibrationFolderSaysWhatToDo() {
        IOException e = assertThrows(IOException.class, () -> Int8ModelCache.ensure(Int8Fixtures.models(),
                tmp.resolve("empty"), List.of(tmp.resolve("no-photos")), Int8Fixtures.THRESHOLD, System.err));
        assertTrue(e.getMessage().contains("no-photos") && e.getMessage().contains("vigil quantize"), e.getMessage());
    }
}
