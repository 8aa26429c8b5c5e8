package vigil.liveness.train;

/**
 * A model that changes behaviour with the training step (e.g. a backbone frozen for the first N
 * steps). The {@link Trainer} calls {@link #beforeStep} before each step's forward pass; because the
 * behaviour is a function of the step alone, a resumed run behaves as the uninterrupted one did.
 */
public interface StepHook {
    void beforeStep(long step);
}
