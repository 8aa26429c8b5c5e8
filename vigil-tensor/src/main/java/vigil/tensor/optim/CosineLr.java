package vigil.tensor.optim;

/**
 * Cosine annealing from baseLr to etaMin over tMax steps, as torch's CosineAnnealingLR within
 * [0, tMax]: etaMin + (baseLr - etaMin) (1 + cos(pi step / tMax)) / 2. Past tMax the rate stays at
 * etaMin (PyTorch's scheduler would start to climb back up, which a training run never wants).
 */
public record CosineLr(double baseLr, double etaMin, int tMax) implements LrSchedule {

    public CosineLr {
        if (tMax <= 0) {
            throw new IllegalArgumentException("CosineLr: tMax must be positive, got " + tMax);
        }
    }

    @Override
    public double lrAt(int step) {
        if (step >= tMax) {
            return etaMin;
        }
        int t = Math.max(step, 0);
        return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * t / tMax)) / 2;
    }
}
