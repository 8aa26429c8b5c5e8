package vigil.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vigil.cli.example.FashionMnistExample;
import vigil.cli.example.GruSequenceExample;

/** Training examples that prove the engine learns. */
@Command(name = "example", mixinStandardHelpOptions = true,
        description = "Train an example model: fashion-mnist (CNN, >= 90% test accuracy) or gru-sequence (GRU).")
final class ExampleCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", description = "fashion-mnist | gru-sequence")
    String name;

    @Option(names = "--epochs", description = "fashion-mnist epochs (default ${DEFAULT-VALUE})", defaultValue = "5")
    int epochs;

    @Option(names = "--steps", description = "gru-sequence training steps (default ${DEFAULT-VALUE})", defaultValue = "600")
    int steps;

    @Option(names = "--train-limit", defaultValue = "60000",
            description = "fashion-mnist: train on the first N images (default ${DEFAULT-VALUE})")
    int trainLimit;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--data", description = "Fashion-MNIST folder (default: .cache/data/fashion-mnist, see scripts/fetch-test-data.sh)")
    Path data;

    @Override
    public Integer call() throws Exception {
        switch (name) {
            case "fashion-mnist" -> {
                FashionMnistExample.Options d = FashionMnistExample.Options.defaults(DataPaths.fashionMnist(data));
                FashionMnistExample.run(new FashionMnistExample.Options(d.dataDir(), epochs, d.batchSize(), d.width(),
                        d.lr(), seed, trainLimit), System.out);
            }
            case "gru-sequence" -> {
                GruSequenceExample.Options d = GruSequenceExample.Options.defaults();
                GruSequenceExample.run(new GruSequenceExample.Options(steps, d.batchSize(), d.frames(), d.hidden(),
                        d.lr(), seed), System.out);
            }
            default -> throw new IllegalArgumentException("unknown example '" + name + "' (fashion-mnist, gru-sequence)");
        }
        return 0;
    }
}
