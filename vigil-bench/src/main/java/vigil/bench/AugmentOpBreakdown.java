package vigil.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vigil.data.augment.OpCatalog;
import vigil.data.augment.OpParams;
import vigil.data.augment.Policy;
import vigil.data.augment.PolicyStep;
import vigil.data.image.BgrImage;
import vigil.tensor.init.Rng;

/**
 * Where the time of {@link AugmentWorkload} goes: each op of the default policy (then every other op of the
 * catalogue) drawn and applied to 80x80 faces on one thread, with its median microseconds per call and its
 * expected share per sample (probability times time; a step's label condition halves it for live-only or
 * spoof-only steps, since the workload alternates labels). Usage: {@code AugmentOpBreakdown [CALLS]}; times
 * are thread CPU time.
 */
public final class AugmentOpBreakdown {
    private AugmentOpBreakdown() {
    }

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        BgrImage[] faces = new BgrImage[AugmentWorkload.FACES];
        Rng rng = new Rng(9);
        for (int i = 0; i < faces.length; i++) {
            faces[i] = AugmentWorkload.syntheticFace(rng);
        }
        double expected = 0;
        List<String> seen = new ArrayList<>();
        System.out.printf("%-16s %6s %10s %12s%n", "op", "p", "us/call", "us/sample");
        for (PolicyStep step : Policy.defaults().steps()) {
            double us = medianMicros(step.op()::draw, faces, calls);
            double share = step.probability() * us * (step.when().matches(true) && step.when().matches(false) ? 1 : 0.5);
            expected += share;
            seen.add(step.op().name());
            System.out.printf("%-16s %6.2f %10.2f %12.2f%n", step.op().name(), step.probability(), us, share);
        }
        System.out.printf("expected us/sample %.1f -> %.0f samples/s (ops only)%n", expected, 1e6 / expected);
        for (String name : OpCatalog.names()) {
            if (!seen.contains(name)) {
                System.out.printf("%-16s %6s %10.2f%n", name, "-", medianMicros(OpCatalog.withDefaults(name)::draw, faces, calls));
            }
        }
    }

    // Median over batches of thread CPU microseconds per call (CPU time, so other processes on a shared
    // machine inflate it less than wall time), after half a second of warm-up for the JIT.
    private static double medianMicros(java.util.function.Function<Rng, OpParams> draw, BgrImage[] faces, int calls) {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long warmUntil = System.nanoTime() + 500_000_000L;
        for (int i = 0; System.nanoTime() < warmUntil; i++) {
            draw.apply(new Rng(i)).apply(faces[i % faces.length]);
        }
        int batch = 50;
        double[] us = new double[Math.max(1, calls / batch)];
        for (int b = 0; b < us.length; b++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            for (int i = 0; i < batch; i++) {
                draw.apply(new Rng(b * batch + i)).apply(faces[i % faces.length]);
            }
            us[b] = (cpu.getCurrentThreadCpuTime() - t0) / 1e3 / batch;
        }
        Arrays.sort(us);
        return us[us.length / 2];
    }
}
