package vigil.liveness.model;

import java.util.List;
import java.util.function.Supplier;
import vigil.liveness.train.StepHook;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.nn.Layer;
import vigil.tensor.nn.Module;

/**
 * A liveness network with several heads over one backbone. {@link #heads} gives the heads one by
 * one; {@link #forward} packs them into [N, layout().outputWidth()] so the generic trainer can run it
 * with {@link MultiTaskObjective} (see {@link MultiTaskLayout}).
 *
 * <p>The backbone can be frozen, for a number of training steps ({@link #freezeBackboneForSteps}, driven
 * by the trainer through {@link StepHook}) or until unfrozen: while frozen it runs as a fixed feature
 * extractor (batch norm on running statistics, no gradient), so only the heads learn.
 */
public abstract class MultiTaskModel extends Module implements Layer, StepHook {
    private final String name;
    private final MultiTaskLayout layout;
    private long frozenSteps;
    private boolean frozen;

    protected MultiTaskModel(String name, MultiTaskLayout layout) {
        this.name = name;
        this.layout = layout;
    }

    /** All heads for crops x [N, 3, H, W] (BGR 0..255). */
    public abstract MultiTaskOutput heads(Tensor x);

    /** The backbone's modules (what freezing holds fixed). */
    protected abstract List<Module> backboneModules();

    /** x [N, 3, H, W] -> the packed heads [N, layout().outputWidth()]. */
    @Override
    public final Tensor forward(Tensor x) {
        return heads(x).pack(layout);
    }

    /** The factory name, e.g. "minifasnet-v2". */
    public String name() {
        return name;
    }

    public MultiTaskLayout layout() {
        return layout;
    }

    /** Freezes the backbone for training steps 0 .. steps - 1 (0 = never). */
    public void freezeBackboneForSteps(long steps) {
        this.frozenSteps = steps;
        this.frozen = steps > 0;
    }

    /** Freezes or unfreezes the backbone now (outside the trainer's step count). */
    public void setBackboneFrozen(boolean on) {
        this.frozen = on;
    }

    public boolean backboneFrozen() {
        return frozen;
    }

    @Override
    public void beforeStep(long step) {
        frozen = step < frozenSteps;
    }

    /** Names of the backbone's parameters, as in {@link #namedParameters()}. */
    public List<String> backboneParameterNames() {
        List<Tensor> mine = backboneModules().stream().flatMap(m -> m.parameters().stream()).toList();
        return namedParameters().entrySet().stream()
                .filter(e -> mine.stream().anyMatch(p -> p == e.getValue())).map(java.util.Map.Entry::getKey).toList();
    }

    /** Runs part of the backbone: normally, or, while frozen in training, in evaluation mode without gradients. */
    protected final Tensor backbone(Supplier<Tensor> run) {
        if (!frozen || !isTraining()) {
            return run.get();
        }
        List<Module> modules = backboneModules();
        modules.forEach(Module::eval);
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            return run.get();
        } finally {
            modules.forEach(m -> m.train(true));
        }
    }
}
