package vigil.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vigil.cli.records.FileInspection;

/** Counts records, corrupt records and each feature's type and value-count range, per file. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"For each TFRecord file: records, corrupt records, and each feature's type and value-count",
                "range (a record without the feature counts 0 values). Every file is read to its end, corrupt",
                "parts skipped and counted (on stderr: where and why). Exit status 1 when anything was corrupt,",
                "unless --skip-corrupt."})
final class RecordsInspectCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "TFRecord files (compression detected)")
    List<Path> files;

    @Option(names = "--json", description = "{\"files\":[{\"path\",\"records\",\"corrupt\",\"features\":{name:{\"type\",\"min_len\",\"max_len\"}}}]}")
    boolean json;

    @Option(names = "--skip-corrupt", description = "corrupt records are expected: count them, exit 0")
    boolean skipCorrupt;

    @Override
    public Integer call() throws Exception {
        List<FileInspection> results = new ArrayList<>();
        for (Path f : files) {
            FileInspection r = FileInspection.of(f, System.err::println);
            results.add(r);
            if (!json) {
                r.text().forEach(System.out::println);
            }
        }
        if (json) {
            System.out.println(FileInspection.json(results));
        }
        boolean corrupt = results.stream().anyMatch(r -> r.corrupt() > 0);
        return corrupt && !skipCorrupt ? 1 : 0;
    }
}
