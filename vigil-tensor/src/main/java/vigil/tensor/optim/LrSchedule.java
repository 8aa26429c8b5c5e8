package vigil.tensor.optim;

/**
 * A learning rate as a pure function of the step (or epoch) counter: step 0 is the rate before
 * the first scheduler step, as torch.optim.lr_scheduler's last_epoch counts. Being stateless, a
 * resumed run only needs its step count.
 */
@FunctionalInterface
public interface LrSchedule {

    double lrAt(int step);

    /** Sets the optimizer's learning rate to this schedule's value at step. */
    default void apply(Optimizer optimizer, int step) {
        optimizer.setLearningRate(lrAt(step));
    }
}
