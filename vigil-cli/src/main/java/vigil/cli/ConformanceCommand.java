package vigil.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import vigil.tensor.conformance.CaseResult;
import vigil.tensor.conformance.GoldenRunner;

/** Runs golden cases (shared/goldens/FORMAT.md) through the engine, forward and backward. */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = "Run every golden case in the directories; print failing cases and a count.")
final class ConformanceCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "directories of <case>.safetensors files")
    List<Path> dirs;

    @Override
    public Integer call() throws Exception {
        List<CaseResult> results = GoldenRunner.standard().runDirectories(dirs);
        int failed = 0;
        for (CaseResult r : results) {
            if (!r.passed()) {
                failed++;
                System.out.println("FAIL " + r.name() + " (" + r.op() + "): " + String.join("; ", r.failures()));
            }
        }
        System.out.println((results.size() - failed) + " passed, " + failed + " failed");
        return failed == 0 && !results.isEmpty() ? 0 : 1;
    }
}
