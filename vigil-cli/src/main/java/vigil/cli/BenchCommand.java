package vigil.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vigil.bench.BenchMain;
import vigil.bench.BenchReport;
import vigil.tensor.parallel.Parallel;

/** Times the workloads of issue 3 (vigil-bench) and prints their medians as one JSON object. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run the benchmark workloads (SGEMM, MiniFASNetV2, GRU, augmentation); print medians after warm-up.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--json", description = "print one JSON object on stdout (the only format; kept for scripts)")
    boolean json;

    @Option(names = "--threads", paramLabel = "N", description = "threads of the engine's pool (default: vigil.threads or all cores)")
    Integer threads;

    @Option(names = "--warmup", paramLabel = "W", description = "untimed runs per workload (default: ${DEFAULT-VALUE})")
    int warmup = BenchMain.DEFAULT_WARMUP;

    @Option(names = "--iterations", paramLabel = "I",
            description = "timed runs per workload, at least (and at least 2 s of them; default: ${DEFAULT-VALUE})")
    int iterations = BenchMain.DEFAULT_ITERATIONS;

    @Option(names = "--only", split = ",", paramLabel = "KEY", description = "run only these workloads (JSON keys)")
    List<String> only = List.of();

    @Override
    public Integer call() {
        int n = threads == null ? Parallel.threads() : threads;
        BenchReport report = BenchMain.run(n, warmup, iterations, only, System.err);
        System.out.println(report.toJson());
        return 0;
    }
}
