package vigil.bench;

import java.util.function.DoubleUnaryOperator;

/**
 * One named workload of `vigil bench`: a step to time (its operands prepared once, outside the timing)
 * and the conversion of the step's median time in milliseconds into the reported value
 * (the identity for "_ms" keys, GFLOP/s for "_gflops").
 */
public record Workload(String key, Runnable step, DoubleUnaryOperator fromMedianMillis) {
    static Workload millis(String key, Runnable step) {
        return new Workload(key, step, ms -> ms);
    }
}
