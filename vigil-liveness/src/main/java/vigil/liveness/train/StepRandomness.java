package vigil.liveness.train;

import java.util.ArrayList;
import java.util.List;
import vigil.tensor.init.Rng;
import vigil.tensor.nn.Dropout;
import vigil.tensor.nn.Module;

/**
 * Makes every random draw of a training step a function of (run seed, step): before step s each
 * Dropout layer of the model is reseeded from {@code new Rng(seed).fork(STREAM).fork(s).fork(i)}, i its
 * position in the module tree. No generator state then needs saving: a run resumed at step s draws
 * exactly the masks the uninterrupted run drew there.
 */
final class StepRandomness {
    /** Keeps dropout streams apart from the other uses of the run seed (init, data order). */
    private static final long STREAM = 0x7261696EL;

    private final long seed;
    private final List<Dropout> dropouts = new ArrayList<>();

    StepRandomness(long seed, Module model) {
        this.seed = seed;
        collect(model);
    }

    private void collect(Module m) {
        if (m instanceof Dropout d) {
            dropouts.add(d);
        }
        m.children().values().forEach(this::collect);
    }

    void beforeStep(long step) {
        if (dropouts.isEmpty()) {
            return;
        }
        Rng stepRng = new Rng(seed).fork(STREAM).fork(step);
        for (int i = 0; i < dropouts.size(); i++) {
            dropouts.get(i).reseed(stepRng.fork(i).nextLong());
        }
    }
}
