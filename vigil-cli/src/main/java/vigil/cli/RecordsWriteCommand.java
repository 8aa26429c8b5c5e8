package vigil.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vigil.cli.records.ShardWriter;
import vigil.data.dataset.ClassNaming;
import vigil.data.dataset.Dataset;
import vigil.data.dataset.ImageFolderDataset;
import vigil.data.dataset.ListFileDataset;
import vigil.data.tfrecord.TfRecordCompression;

/** Images (a folder per class, or a `path label` list) into TFRecord shards of tf.train.Example. */
@Command(name = "write", mixinStandardHelpOptions = true,
        description = {"Write images as tf.train.Example records into N TFRecord shards PREFIX-00000-of-0000N.",
                "Features: image/encoded (the file's bytes), image/format, image/class/label (int64), image/filename.",
                "DIR: one sub-folder per class, label = index of the folder among the sorted names.",
                "LIST: lines 'path label' (relative paths from the list's folder).",
                "Records go to the shards in turn (record i to shard i mod N), in dataset order or shuffled."})
final class RecordsWriteCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "DIR|LIST", description = "image folder or list file")
    Path from;

    @Option(names = "--out", required = true, paramLabel = "PREFIX", description = "shard path prefix")
    String prefix;

    @Option(names = "--shards", defaultValue = "1", description = "number of shard files (default ${DEFAULT-VALUE})")
    int shards;

    @Option(names = "--compression", defaultValue = "none", paramLabel = "none|gzip|zlib",
            description = "compress each file as TensorFlow's TFRecordOptions (default ${DEFAULT-VALUE})")
    String compression;

    @Option(names = "--shuffle", paramLabel = "SEED", description = "shuffle the records with this seed before sharding")
    Long shuffleSeed;

    @Override
    public Integer call() throws Exception {
        TfRecordCompression c = switch (compression.toLowerCase(java.util.Locale.ROOT)) {
            case "none" -> TfRecordCompression.NONE;
            case "gzip" -> TfRecordCompression.GZIP;
            case "zlib" -> TfRecordCompression.ZLIB;
            default -> throw new IllegalArgumentException("--compression must be none, gzip or zlib, not '" + compression + "'");
        };
        Dataset dataset;
        Path root;
        if (Files.isDirectory(from)) {
            ImageFolderDataset folders = ImageFolderDataset.open(from, ClassNaming.SORTED_NAMES);
            dataset = folders;
            root = from;
            StringBuilder labels = new StringBuilder("labels:");
            for (int i = 0; i < folders.classNames().size(); i++) {
                labels.append(' ').append(folders.classLabel(i)).append('=').append(folders.classNames().get(i));
            }
            System.out.println(labels);
        } else {
            dataset = ListFileDataset.open(from);
            root = from.toAbsolutePath().getParent();
        }
        List<Path> written = ShardWriter.write(dataset, root, prefix, shards, c, shuffleSeed);
        System.out.println("wrote " + dataset.size() + " records to " + written.size() + " shard"
                + (written.size() == 1 ? "" : "s") + ": " + written.getFirst()
                + (written.size() > 1 ? " .. " + written.getLast() : ""));
        return 0;
    }
}
