package vigil.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import vigil.tensor.ops.Gemm;
import vigil.tensor.ops.VectorGemm;
import vigil.tensor.parallel.Parallel;

/**
 * Runs the workloads of {@link Workloads} and prints one JSON object of medians (see {@link BenchReport}).
 * Each workload warms up for at least W steps and 3 s, then times at least I steps and at least 2 s; the
 * median of the timed steps is reported.
 * Usage: {@code BenchMain [--threads N] [--warmup W] [--iterations I] [--only KEY[,KEY...]]}, or
 * {@code BenchMain --list} to print the workload keys comma-separated; the thread
 * count defaults to vigil.threads (else the available processors). Progress goes to stderr.
 */
public final class BenchMain {
    public static final int DEFAULT_WARMUP = 5;
    public static final int DEFAULT_ITERATIONS = 15;
    static final double WARMUP_SECONDS = 3;
    // Timed steps run for at least this long, whatever the iteration count: 15 steps of a 1-8 ms workload
    // were a 0.02-0.12 s window, shorter than the bursts of load from other tenants of this VM, so one burst
    // could set an engine's median (tools/bench/torch_workloads.py times PyTorch the same way).
    static final double MEASURE_SECONDS = 2;

    private BenchMain() {
    }

    public static void main(String[] args) {
        int threads = Parallel.threads();
        int warmup = DEFAULT_WARMUP;
        int iterations = DEFAULT_ITERATIONS;
        List<String> only = List.of();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(value(args, ++i));
                case "--warmup" -> warmup = Integer.parseInt(value(args, ++i));
                case "--iterations" -> iterations = Integer.parseInt(value(args, ++i));
                case "--only" -> only = List.of(value(args, ++i).split(","));
                case "--json" -> { }
                case "--list" -> {
                    System.out.println(String.join(",", Workloads.all().keySet()));
                    return;
                }
                default -> throw new IllegalArgumentException("BenchMain: unknown argument " + args[i]);
            }
        }
        System.out.println(run(threads, warmup, iterations, only, System.err).toJson());
    }

    private static String value(String[] args, int i) {
        return value("BenchMain", args, i);
    }

    /** args[i], the value of the option args[i - 1]; who names the entry point in the error. */
    static String value(String who, String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(who + ": " + args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /** Runs the workloads whose keys are in only (all if empty) on the given thread count. */
    public static BenchReport run(int threads, int warmup, int iterations, List<String> only, PrintStream progress) {
        if (iterations < 1 || warmup < 0) {
            throw new IllegalArgumentException("bench: iterations " + iterations + " must be >= 1, warmup "
                    + warmup + " >= 0");
        }
        for (String key : only) {
            if (!Workloads.all().containsKey(key)) {
                throw new IllegalArgumentException("bench: unknown workload " + key + "; known: " + Workloads.all().keySet());
            }
        }
        Parallel.setThreads(threads);
        Map<String, Double> medians = new LinkedHashMap<>();
        for (Map.Entry<String, Supplier<Workload>> entry : Workloads.all().entrySet()) {
            if (!only.isEmpty() && !only.contains(entry.getKey())) {
                continue;
            }
            Workload w = entry.getValue().get();
            double ms = medianMillis(w.step(), warmup, iterations, w.threadCpuTime());
            double value = w.fromMedianMillis().applyAsDouble(ms);
            progress.printf("bench: %s = %.3f (median of >= %d steps and %.0f s, after >= %d warm-up steps and"
                    + " %.0f s%s)%n", w.key(), value, iterations, MEASURE_SECONDS, warmup, WARMUP_SECONDS,
                    w.threadCpuTime() ? "; thread CPU time" : "");
            medians.put(w.key(), value);
        }
        return new BenchReport(threads, Gemm.VECTOR, VectorGemm.lanes(), warmup, iterations, medians, peakRssKib());
    }

    // Warm-up runs at least `warmup` steps and at least WARMUP_SECONDS, so C2 has compiled the kernels; then at
    // least `iterations` steps and MEASURE_SECONDS are timed.
    static double medianMillis(Runnable step, int warmup, int iterations) {
        return medianMillis(step, warmup, iterations, false);
    }

    static double medianMillis(Runnable step, int warmup, int iterations, boolean threadCpuTime) {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long warmUntil = System.nanoTime() + (long) (WARMUP_SECONDS * 1e9);
        for (int i = 0; i < warmup || System.nanoTime() < warmUntil; i++) {
            step.run();
        }
        double[] ms = new double[iterations];
        int n = 0;
        long measureUntil = System.nanoTime() + (long) (MEASURE_SECONDS * 1e9);
        while (n < iterations || System.nanoTime() < measureUntil) {
            long t0 = threadCpuTime ? cpu.getCurrentThreadCpuTime() : System.nanoTime();
            step.run();
            if (n == ms.length) {
                ms = Arrays.copyOf(ms, 2 * n);
            }
            ms[n++] = ((threadCpuTime ? cpu.getCurrentThreadCpuTime() : System.nanoTime()) - t0) / 1e6;
        }
        Arrays.sort(ms, 0, n);
        return n % 2 == 1 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2;
    }

    // VmHWM of /proc/self/status in KiB (Linux); -1 where the file is absent
    static long peakRssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
