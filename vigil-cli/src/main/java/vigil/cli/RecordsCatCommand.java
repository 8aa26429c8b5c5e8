package vigil.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vigil.cli.records.ExampleText;
import vigil.data.example.Example;
import vigil.data.example.ExampleCodec;
import vigil.data.tfrecord.TfRecord;
import vigil.data.tfrecord.TfRecordCorruptException;
import vigil.data.tfrecord.TfRecordReadOptions;
import vigil.data.tfrecord.TfRecordReader;
import vigil.tensor.io.protobuf.ProtobufFormatException;

/** Prints each tf.train.Example of a TFRecord file. */
@Command(name = "cat", mixinStandardHelpOptions = true,
        description = {"Print the tf.train.Example records of a TFRecord file (bytes as base64).",
                "--json: one JSON object per line: {\"offset\":n,\"features\":{name:{\"type\",\"values\":[...]}}}.",
                "Stops with exit status 1 at the first corrupt record, unless --skip-corrupt."})
final class RecordsCatCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "a TFRecord file (compression detected)")
    Path file;

    @Option(names = "--json", description = "JSON lines instead of text")
    boolean json;

    @Option(names = "--skip-corrupt", description = "skip corrupt records (reported on stderr) and go on")
    boolean skipCorrupt;

    @Override
    public Integer call() throws Exception {
        TfRecordReadOptions options = TfRecordReadOptions.DEFAULTS.withSkipCorrupt(skipCorrupt);
        int reported = 0;
        try (TfRecordReader reader = TfRecordReader.open(file, options)) {
            long index = 0;
            for (TfRecord rec; (rec = reader.next()) != null; index++) {
                Example e;
                try {
                    e = ExampleCodec.decode(rec.data(), file + " record at byte " + rec.offset());
                } catch (ProtobufFormatException bad) {
                    System.err.println("not a tf.train.Example: " + bad.getMessage());
                    if (!skipCorrupt) {
                        return 1;
                    }
                    continue;
                }
                if (json) {
                    System.out.println(ExampleText.json(rec.offset(), e));
                } else {
                    ExampleText.text(index, rec.offset(), e).forEach(System.out::println);
                }
                for (; reported < reader.corruptions().size(); reported++) {
                    System.err.println("skipped: " + reader.corruptions().get(reported).getMessage());
                }
            }
            for (; reported < reader.corruptions().size(); reported++) {
                System.err.println("skipped: " + reader.corruptions().get(reported).getMessage());
            }
        } catch (TfRecordCorruptException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        return 0;
    }
}
