package vigil.bench;

import java.util.function.DoubleUnaryOperator;

/**
 * One named workload of `vigil bench`: a step to time (its operands prepared once, outside the timing)
 * and the conversion of the step's median time in milliseconds into the reported value
 * (the identity for "_ms" keys, GFLOP/s for "_gflops"). A single-threaded workload whose target is per
 * core may be timed in the calling thread's CPU time (threadCpuTime), which other processes on a busy
 * machine do not inflate as they inflate wall time; the engine's multi-threaded workloads use wall time.
 */
public record Workload(String key, Runnable step, DoubleUnaryOperator fromMedianMillis, boolean threadCpuTime) {
    public Workload(String key, Runnable step, DoubleUnaryOperator fromMedianMillis) {
        this(key, step, fromMedianMillis, false);
    }

    static Workload millis(String key, Runnable step) {
        return new Workload(key, step, ms -> ms);
    }
}
