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
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.init.Rng;
import vigil.tensor.ops.Conv2dOp;
import vigil.tensor.parallel.Parallel;

/**
 * conv2d forward, and forward + backward, at batch 64 on shapes of MiniFASNetV2 at 80x80:
 * "full3x3" (3 -> 32, stride 2, its first layer), "depthwise3x3" (64 channels at 20x20),
 * "pointwise" (64 -> 128 at 10x10).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class Conv2dBenchmark {
    @Param({"full3x3", "depthwise3x3", "pointwise"})
    public String shape;

    @Param({"0"})
    public int threads;

    private Tensor x;
    private Tensor w;
    private Tensor seed;
    private int[] stride;
    private int[] padding;
    private int groups;

    @Setup
    public void setUp() {
        if (threads > 0) {
            Parallel.setThreads(threads);
        }
        Rng rng = new Rng(3);
        int n = 64;
        switch (shape) {
            case "full3x3" -> set(rng, new int[] {n, 3, 80, 80}, new int[] {32, 3, 3, 3}, 2, 1, 1);
            case "depthwise3x3" -> set(rng, new int[] {n, 64, 20, 20}, new int[] {64, 1, 3, 3}, 1, 1, 64);
            case "pointwise" -> set(rng, new int[] {n, 64, 10, 10}, new int[] {128, 64, 1, 1}, 1, 0, 1);
            default -> throw new IllegalArgumentException("Conv2dBenchmark: unknown shape " + shape);
        }
        try (Autograd.NoGrad off = Autograd.noGrad()) {
            Tensor y = forward();
            seed = random(rng, y.shape());
        }
    }

    private void set(Rng rng, int[] xShape, int[] wShape, int s, int p, int g) {
        x = random(rng, xShape).requiresGrad(true);
        w = random(rng, wShape).requiresGrad(true);
        stride = new int[] {s, s};
        padding = new int[] {p, p};
        groups = g;
    }

    private static Tensor random(Rng rng, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.uniform(-1f, 1f);
        }
        return Tensor.of(d, shape);
    }

    private Tensor forward() {
        return Conv2dOp.conv2d(x, w, null, stride, padding, new int[] {1, 1}, groups);
    }

    @Benchmark
    public Tensor forwardOnly() {
        try (Autograd.NoGrad off = Autograd.noGrad()) {
            return forward();
        }
    }

    @Benchmark
    public Tensor forwardBackward() {
        x.zeroGrad();
        w.zeroGrad();
        forward().backward(seed);
        return w.grad();
    }
}
