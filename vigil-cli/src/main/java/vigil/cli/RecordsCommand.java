package vigil.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** TFRecord files of tf.train.Example: write shards from images, inspect them, print their records. */
@Command(name = "records", mixinStandardHelpOptions = true,
        description = "TFRecord shards of tf.train.Example: write, inspect, cat.",
        subcommands = {RecordsWriteCommand.class, RecordsInspectCommand.class, RecordsCatCommand.class})
final class RecordsCommand implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
