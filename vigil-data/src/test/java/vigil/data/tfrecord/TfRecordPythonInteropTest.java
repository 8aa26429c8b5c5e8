package vigil.data.tfrecord;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vigil.data.example.Example;
import vigil.data.example.ExampleCodec;
import vigil.tensor.io.Json;

/**
 * Interop with an independent implementation (tools/tfrecord: plain-Python TFRecord framing and CRC-32C,
 * Debian's python3-protobuf with TensorFlow's Example messages): Vigil reads the files Python wrote
 * (resources tfrecord/python, made by make_tfrecord_fixtures.py) value for value, re-encodes protobuf's
 * deterministic records byte for byte, and Python reads the files Vigil writes value for value.
 */
class TfRecordPythonInteropTest {
    @TempDir
    Path tmp;

    private static Path fixtures() throws Exception {
        return Path.of(Objects.requireNonNull(TfRecordPythonInteropTest.class.getResource("/tfrecord/python")).toURI());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> expected() throws Exception {
        String text = Files.readString(fixtures().resolve("expected.json"), StandardCharsets.UTF_8);
        return (List<Map<String, Object>>) (List<?>) Json.parseObject(text).get("records");
    }

    @ParameterizedTest
    @ValueSource(strings = {"examples.tfrecord", "examples.tfrecord.gz", "examples.tfrecord.zlib"})
    void readsPythonWrittenFilesValueForValue(String name) throws Exception {
        List<byte[]> records = TfRecordReader.readAll(fixtures().resolve(name));
        List<Map<String, Object>> expected = expected();
        assertEquals(expected.size(), records.size());
        for (int i = 0; i < records.size(); i++) {
            assertEquals(((Number) expected.get(i).get("size")).intValue(), records.get(i).length, "record " + i);
            Example e = ExampleCodec.decode(records.get(i), name + " record " + i);
            assertEquals(expected.get(i).get("example"), CanonicalExample.of(e), name + " record " + i);
        }
    }

    @Test
    void reencodesProtobufsDeterministicRecordsByteForByte() throws Exception {
        List<byte[]> records = TfRecordReader.readAll(fixtures().resolve("examples.tfrecord"));
        List<Map<String, Object>> expected = expected();
        int checked = 0;
        for (int i = 0; i < records.size(); i++) {
            if (Boolean.TRUE.equals(expected.get(i).get("deterministic"))) {
                assertArrayEquals(records.get(i), ExampleCodec.encode(ExampleCodec.decode(records.get(i))), "record " + i);
                checked++;
            }
        }
        assertEquals(4, checked);
    }

    @Test
    void pythonReadsVigilWrittenFilesValueForValue() throws Exception {
        assumeTrue(pythonWithProtobuf(), "needs /usr/bin/python3 with python3-protobuf and protoc");
        List<Example> examples = new ArrayList<>();
        for (byte[] r : TfRecordReader.readAll(fixtures().resolve("examples.tfrecord"))) {
            examples.add(ExampleCodec.decode(r));
        }
        examples.add(Example.builder().string("image/filename", "spoof/ünï 1.jpg").int64("image/class/label", -3)
                .floats("box", 1e-3f, 2.5e6f).bytes("image/encoded", new byte[70_000]).build());
        List<String> args = new ArrayList<>(List.of("/usr/bin/python3", script().toString()));
        List<Path> files = new ArrayList<>();
        for (TfRecordCompression c : TfRecordCompression.values()) {
            Path f = tmp.resolve("vigil-" + c);
            try (TfRecordWriter w = TfRecordWriter.create(f, c)) {
                for (Example e : examples) {
                    w.write(ExampleCodec.encode(e));
                }
            }
            files.add(f);
            args.add(f + ":" + c.name().toLowerCase(java.util.Locale.ROOT));
        }
        Process p = new ProcessBuilder(args).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "python reader failed: " + out);
        Map<String, Object> read = Json.parseObject(out);
        for (Path f : files) {
            List<?> got = (List<?>) read.get(f.toString());
            assertEquals(examples.size(), got.size(), f.toString());
            for (int i = 0; i < examples.size(); i++) {
                assertEquals(CanonicalExample.of(examples.get(i)), got.get(i), f + " record " + i);
            }
        }
    }

    private static Path script() {
        return Path.of("..", "tools", "tfrecord", "read_tfrecords.py").toAbsolutePath().normalize();
    }

    private static boolean pythonWithProtobuf() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c",
                    "import google.protobuf, shutil, sys; sys.exit(0 if shutil.which('protoc') else 1)")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.isRegularFile(script());
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
