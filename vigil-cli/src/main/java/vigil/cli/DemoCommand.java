package vigil.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import vigil.cli.example.FashionMnistExample;
import vigil.cli.example.GruSequenceExample;
import vigil.tensor.conformance.CaseResult;
import vigil.tensor.conformance.GoldenRunner;

/**
 * The newcomer's first command. Until passive liveness lands (issue 4) it shows the engine: the
 * PyTorch conformance suite, then a short CNN and GRU training run on real and synthetic data.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Show Vigil working: PyTorch conformance, then short training runs.")
final class DemoCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        Path goldens = Path.of(System.getenv().getOrDefault("VIGIL_SHARED", "../shared")).resolve("goldens/engine");
        List<CaseResult> results = GoldenRunner.standard().runDirectories(List.of(goldens));
        long passed = results.stream().filter(CaseResult::passed).count();
        System.out.printf("conformance against PyTorch (%s): %d passed, %d failed%n", goldens, passed,
                results.size() - passed);
        FashionMnistExample.Options d = FashionMnistExample.Options.defaults(DataPaths.fashionMnist(null));
        FashionMnistExample.run(new FashionMnistExample.Options(d.dataDir(), 1, d.batchSize(), d.width(), d.lr(),
                d.seed(), d.trainLimit()), System.out);
        GruSequenceExample.run(GruSequenceExample.Options.defaults(), System.out);
        return passed == results.size() ? 0 : 1;
    }
}
