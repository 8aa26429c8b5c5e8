package vigil.cli.records;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vigil.data.dataset.Dataset;
import vigil.data.dataset.Sample;
import vigil.data.example.Example;
import vigil.data.example.ExampleCodec;
import vigil.data.tfrecord.TfRecordCompression;
import vigil.data.tfrecord.TfRecordWriter;
import vigil.tensor.init.Rng;

/**
 * Writes a dataset's images as tf.train.Example records (TensorFlow's image conventions:
 * image/encoded, image/format, image/class/label, image/filename) into N shard files named
 * {@code PREFIX-00000-of-0000N}. Shards are written under temporary names and renamed only when
 * all are complete, so a failure (an unreadable image) leaves no half-written shard behind.
 */
public final class ShardWriter {
    private ShardWriter() {
    }

    public static Path shardPath(String prefix, int shard, int shards) {
        return Path.of(String.format(Locale.ROOT, "%s-%05d-of-%05d", prefix, shard, shards));
    }

    /**
     * Record i of the (optionally shuffled) dataset order goes to shard i mod N. {@code root}: the folder
     * image/filename is relative to (files outside it keep their absolute path).
     */
    public static List<Path> write(Dataset dataset, Path root, String prefix, int shards, TfRecordCompression compression,
            Long shuffleSeed) throws IOException {
        if (shards < 1 || shards > 99_999) {
            throw new IllegalArgumentException("--shards must be in 1..99999, not " + shards);
        }
        int[] order = new int[dataset.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffleSeed != null) {
            new Rng(shuffleSeed).shuffle(order);
        }
        List<Path> finals = new ArrayList<>();
        List<Path> temps = new ArrayList<>();
        List<TfRecordWriter> writers = new ArrayList<>();
        Path base = root.toAbsolutePath().normalize();
        boolean done = false;
        try {
            for (int s = 0; s < shards; s++) {
                Path f = shardPath(prefix, s, shards);
                Path parent = f.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                Path tmp = parent.resolve("." + f.getFileName() + ".tmp");
                finals.add(f);
                temps.add(tmp);
                writers.add(TfRecordWriter.create(tmp, compression));
            }
            for (int i = 0; i < order.length; i++) {
                Sample sample = dataset.sample(order[i]);
                Path file = Path.of(sample.id());
                byte[] bytes = Files.readAllBytes(file);
                Path abs = file.toAbsolutePath().normalize();
                String name = (abs.startsWith(base) ? base.relativize(abs) : abs).toString();
                Example e = Example.builder()
                        .bytes("image/encoded", bytes)
                        .string("image/format", imageFormat(bytes, name))
                        .int64("image/class/label", sample.label())
                        .string("image/filename", name)
                        .build();
                writers.get(i % shards).write(ExampleCodec.encode(e));
            }
            for (TfRecordWriter w : writers) {
                w.close();
            }
            for (int s = 0; s < shards; s++) {
                Files.move(temps.get(s), finals.get(s), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            done = true;
            return finals;
        } finally {
            if (!done) {
                for (TfRecordWriter w : writers) {
                    try {
                        w.close();
                    } catch (IOException ignored) {
                        // the first failure is the one reported
                    }
                }
                for (Path t : temps) {
                    Files.deleteIfExists(t);
                }
            }
        }
    }

    /** "jpeg", "png", "gif" or "bmp" from the file's magic bytes, else the lower-case extension. */
    static String imageFormat(byte[] b, String name) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return "jpeg";
        }
        if (b.length >= 4 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "png";
        }
        if (b.length >= 4 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
            return "gif";
        }
        if (b.length >= 2 && b[0] == 'B' && b[1] == 'M') {
            return "bmp";
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
