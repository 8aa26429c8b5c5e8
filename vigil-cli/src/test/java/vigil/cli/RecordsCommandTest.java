package vigil.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.data.example.Example;
import vigil.data.example.ExampleCodec;
import vigil.data.tfrecord.TfRecordWriter;
import vigil.tensor.io.Json;

/** `vigil records`: write + cat round trip, inspect's JSON document and exit status. */
class RecordsCommandTest {
    @TempDir
    Path tmp;
    private Path images;

    private static CommandRun run(String... args) {
        return CommandRun.of(new RecordsCommand(), args);
    }

    private static void image(Path file, String format, int shade) throws Exception {
        BufferedImage img = new BufferedImage(4 + shade, 3, BufferedImage.TYPE_INT_RGB);
        img.setRGB(1, 1, 0x010203 * shade);
        Files.createDirectories(file.getParent());
        ImageIO.write(img, format, file.toFile());
    }

    @BeforeEach
    void makeImages() throws Exception {
        images = tmp.resolve("images");
        image(images.resolve("spoof/c.jpg"), "jpeg", 3);
        image(images.resolve("live/a.png"), "png", 1);
        image(images.resolve("live/sub/b.png"), "png", 2);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> catByFilename(Path... shards) {
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (Path s : shards) {
            CommandRun r = run("cat", "--json", s.toString());
            assertEquals(0, r.exit(), r.err());
            for (String line : r.out().strip().split("\n")) {
                Map<String, Object> features = (Map<String, Object>) Json.parseObject(line).get("features");
                List<Object> name = (List<Object>) ((Map<String, Object>) features.get("image/filename")).get("values");
                out.put(new String(Base64.getDecoder().decode((String) name.get(0)), StandardCharsets.UTF_8), features);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object only(Map<String, Object> features, String name) {
        return ((List<Object>) ((Map<String, Object>) features.get(name)).get("values")).get(0);
    }

    @Test
    void writeFromFoldersThenCatGivesBackEveryImageWithItsSortedFolderLabel() throws Exception {
        Path prefix = tmp.resolve("out/train");
        CommandRun w = run("write", "--from", images.toString(), "--out", prefix.toString(), "--shards", "2");
        assertEquals(0, w.exit(), w.err());
        assertTrue(w.out().contains("labels: 0=live 1=spoof"), w.out());
        Path s0 = tmp.resolve("out/train-00000-of-00002");
        Path s1 = tmp.resolve("out/train-00001-of-00002");
        Map<String, Map<String, Object>> got = catByFilename(s0, s1);
        assertEquals(3, got.size());
        for (String rel : List.of("live/a.png", "live/sub/b.png", "spoof/c.jpg")) {
            Map<String, Object> f = got.get(rel);
            assertArrayEquals(Files.readAllBytes(images.resolve(rel)), Base64.getDecoder().decode((String) only(f, "image/encoded")), rel);
            assertEquals(rel.startsWith("live") ? 0L : 1L, only(f, "image/class/label"), rel);
            String format = new String(Base64.getDecoder().decode((String) only(f, "image/format")), StandardCharsets.UTF_8);
            assertEquals(rel.endsWith("png") ? "png" : "jpeg", format, rel);
        }
        assertEquals(2, catByFilename(s0).size(), "records alternate between the shards");
    }

    @Test
    void inspectJsonOfAListWrittenGzipShardHasTheDocumentedShape() throws Exception {
        Path list = tmp.resolve("train.txt");
        Files.writeString(list, "# path label\nimages/live/a.png 5\nimages/spoof/c.jpg 7\n");
        Path prefix = tmp.resolve("list");
        assertEquals(0, run("write", "--from", list.toString(), "--out", prefix.toString(), "--compression", "gzip").exit());
        Path shard = tmp.resolve("list-00000-of-00001");
        CommandRun r = run("inspect", "--json", shard.toString());
        assertEquals(0, r.exit(), r.err());
        String f = "{\"type\":\"bytes\",\"min_len\":1,\"max_len\":1}";
        assertEquals("{\"files\":[{\"path\":\"" + shard + "\",\"records\":2,\"corrupt\":0,\"features\":{"
                + "\"image/class/label\":{\"type\":\"int64\",\"min_len\":1,\"max_len\":1},\"image/encoded\":" + f
                + ",\"image/filename\":" + f + ",\"image/format\":" + f + "}}]}", r.out().strip());
        Map<String, Map<String, Object>> got = catByFilename(shard);
        assertEquals(7L, only(got.get("images/spoof/c.jpg"), "image/class/label"));
    }

    @Test
    void inspectCountsValueRangesWithAMissingFeatureAsZero() throws Exception {
        Path f = tmp.resolve("ranges.tfrecord");
        try (TfRecordWriter w = TfRecordWriter.create(f)) {
            w.write(ExampleCodec.encode(Example.builder().floats("box", 1, 2, 3, 4).int64("ids", 1, 2).build()));
            w.write(ExampleCodec.encode(Example.builder().int64("ids", 9).build()));
        }
        CommandRun r = run("inspect", "--json", f.toString());
        assertEquals("{\"files\":[{\"path\":\"" + f + "\",\"records\":2,\"corrupt\":0,\"features\":{"
                + "\"box\":{\"type\":\"float\",\"min_len\":0,\"max_len\":4},"
                + "\"ids\":{\"type\":\"int64\",\"min_len\":1,\"max_len\":2}}}]}", r.out().strip());
        CommandRun text = run("inspect", f.toString());
        assertTrue(text.out().contains(f + ": 2 records, 0 corrupt (NONE)"), text.out());
        assertTrue(text.out().contains("box  float  0..4 values"), text.out());
    }

    @Test
    @SuppressWarnings("unchecked")
    void inspectExitsNonZeroOnCorruptionUnlessSkipCorrupt() throws Exception {
        Path prefix = tmp.resolve("c");
        assertEquals(0, run("write", "--from", images.toString(), "--out", prefix.toString()).exit());
        Path shard = tmp.resolve("c-00000-of-00001");
        byte[] b = Files.readAllBytes(shard);
        b[b.length - 10] ^= 0x20;
        Files.write(shard, b);
        CommandRun strict = run("inspect", "--json", shard.toString());
        assertEquals(1, strict.exit());
        Map<String, Object> file = (Map<String, Object>) ((List<?>) Json.parseObject(strict.out().strip()).get("files")).get(0);
        assertEquals(2L, file.get("records"));
        assertEquals(1L, file.get("corrupt"));
        assertTrue(strict.err().contains("bad data checksum"), strict.err());
        assertEquals(0, run("inspect", "--skip-corrupt", shard.toString()).exit());
        CommandRun cat = run("cat", shard.toString());
        assertEquals(1, cat.exit());
        assertTrue(cat.err().contains("corrupt record at byte"), cat.err());
        assertEquals(0, run("cat", "--skip-corrupt", shard.toString()).exit());
    }

    @Test
    void catTextShowsBytesAsBase64AndNumbersAsLists() throws Exception {
        Path f = tmp.resolve("one.tfrecord");
        try (TfRecordWriter w = TfRecordWriter.create(f)) {
            w.write(ExampleCodec.encode(Example.builder().bytes("raw", new byte[] {0, 1, 2}).floats("x", 0.5f, -1f).build()));
        }
        CommandRun r = run("cat", f.toString());
        assertEquals("record 0 at byte 0:\n  raw: bytes [AAEC]\n  x: float [0.5, -1.0]\n", r.out());
    }
}
