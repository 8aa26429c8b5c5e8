package vigil.tensor.optim;

/** Decays by gamma every stepSize steps: baseLr * gamma^(step / stepSize), as torch's StepLR. */
public record StepLr(double baseLr, int stepSize, double gamma) implements LrSchedule {

    public StepLr {
        if (stepSize <= 0) {
            throw new IllegalArgumentException("StepLr: step size must be positive, got " + stepSize);
        }
    }

    @Override
    public double lrAt(int step) {
        return baseLr * Math.pow(gamma, Math.floorDiv(step, stepSize));
    }
}
