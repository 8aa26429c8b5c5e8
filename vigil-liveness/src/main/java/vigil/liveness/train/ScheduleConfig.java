package vigil.liveness.train;

import java.util.LinkedHashMap;
import java.util.Map;
import vigil.tensor.optim.CosineLr;
import vigil.tensor.optim.LrSchedule;
import vigil.tensor.optim.StepLr;
import vigil.tensor.optim.WarmupLr;

/**
 * The learning-rate schedule section of a {@link TrainConfig}: {"type": "constant"|"step"|"cosine",
 * "warmup_steps" (0), "warmup_start_factor" (0.1), and for step "step_size" (required), "gamma"
 * (0.1), for cosine "min_lr" (0)}. Cosine anneals over the steps left after warm-up. The schedule
 * is a pure function of the optimizer step, so a resumed run needs only its step count.
 */
public record ScheduleConfig(Kind type, int warmupSteps, double warmupStartFactor, int stepSize, double gamma,
                             double minLr) {

    public enum Kind { CONSTANT, STEP, COSINE }

    public static ScheduleConfig constant() {
        return new ScheduleConfig(Kind.CONSTANT, 0, 0.1, 0, 0.1, 0);
    }

    static ScheduleConfig read(ConfigFields f) {
        Kind type = f.choice("type", Kind.class, Kind.CONSTANT);
        long warmup = f.integer("warmup_steps", 0);
        if (warmup < 0 || warmup > Integer.MAX_VALUE) {
            throw f.error("warmup_steps", "must be >= 0, got " + warmup);
        }
        double startFactor = f.number("warmup_start_factor", 0.1);
        if (!(startFactor > 0 && startFactor <= 1)) {
            throw f.error("warmup_start_factor", "must be in (0, 1], got " + startFactor);
        }
        int stepSize = type == Kind.STEP ? f.positiveInt("step_size") : 0;
        double gamma = type == Kind.STEP ? f.number("gamma", 0.1) : 0.1;
        double minLr = type == Kind.COSINE ? f.number("min_lr", 0) : 0;
        f.rejectUnread();
        return new ScheduleConfig(type, (int) warmup, startFactor, stepSize, gamma, minLr);
    }

    /** The learning rate at each optimizer step of a run of totalSteps steps. */
    public LrSchedule build(double baseLr, long totalSteps) {
        LrSchedule after = switch (type) {
            case CONSTANT -> step -> baseLr;
            case STEP -> new StepLr(baseLr, stepSize, gamma);
            case COSINE -> new CosineLr(baseLr, minLr, (int) Math.max(1, Math.min(Integer.MAX_VALUE,
                    totalSteps - warmupSteps)));
        };
        return warmupSteps == 0 ? after : new WarmupLr(after, warmupSteps, warmupStartFactor);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type.name().toLowerCase(java.util.Locale.ROOT));
        m.put("warmup_steps", warmupSteps);
        m.put("warmup_start_factor", warmupStartFactor);
        if (type == Kind.STEP) {
            m.put("step_size", stepSize);
            m.put("gamma", gamma);
        }
        if (type == Kind.COSINE) {
            m.put("min_lr", minLr);
        }
        return m;
    }
}
