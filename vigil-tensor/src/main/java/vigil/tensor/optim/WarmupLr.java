package vigil.tensor.optim;

/**
 * Linear warm-up in front of another schedule: for step &lt; warmupSteps the rate is
 * after.lrAt(0) * (startFactor + (1 - startFactor) * step / warmupSteps); from warmupSteps on it is
 * after.lrAt(step - warmupSteps), so the wrapped schedule starts its own clock when warm-up ends.
 * This is torch's SequentialLR([LinearLR(start_factor, total_iters=warmupSteps), after],
 * milestones=[warmupSteps]).
 */
public record WarmupLr(LrSchedule after, int warmupSteps, double startFactor) implements LrSchedule {

    public WarmupLr {
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("WarmupLr: warm-up steps must be >= 0, got " + warmupSteps);
        }
        if (!(startFactor > 0 && startFactor <= 1)) {
            throw new IllegalArgumentException("WarmupLr: start factor must be in (0, 1], got " + startFactor);
        }
    }

    @Override
    public double lrAt(int step) {
        if (step >= warmupSteps) {
            return after.lrAt(step - warmupSteps);
        }
        double factor = startFactor + (1 - startFactor) * Math.max(step, 0) / warmupSteps;
        return after.lrAt(0) * factor;
    }
}
