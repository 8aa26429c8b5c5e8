package vigil.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.ScalarGemm;
import vigil.tensor.ops.VectorGemm;
import vigil.tensor.parallel.Parallel;

/**
 * Square SGEMM, C = A * B, with the packed Vector API kernel or the scalar reference.
 * Run: java --add-modules jdk.incubator.vector -cp 'vigil-bench/target/vigil-bench.jar:vigil-bench/target/lib/*'
 * org.openjdk.jmh.Main SgemmBenchmark
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SgemmBenchmark {
    @Param({"1024"})
    public int size;

    @Param({"vector", "scalar"})
    public String kernel;

    @Param({"0"})
    public int threads;

    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setUp() {
        if (threads > 0) {
            Parallel.setThreads(threads);
        }
        Rng rng = new Rng(1);
        a = new float[size * size];
        b = new float[size * size];
        c = new float[size * size];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.uniform(-1f, 1f);
            b[i] = rng.uniform(-1f, 1f);
        }
    }

    @Benchmark
    public float[] sgemm() {
        int s = size;
        if (kernel.equals("vector")) {
            VectorGemm.sgemm(false, false, s, s, s, a, 0, s, b, 0, s, 0f, c, 0, s);
        } else {
            ScalarGemm.sgemm(false, false, s, s, s, a, 0, s, b, 0, s, 0f, c, 0, s);
        }
        return c;
    }
}
