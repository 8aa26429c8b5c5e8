package vigil.cli.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import vigil.liveness.bench.AttackFamily;
import vigil.liveness.bench.SampleCode;
import vigil.liveness.eval.LiveScorer;
import vigil.liveness.model.DepthLoss;
import vigil.liveness.model.FineTune;
import vigil.liveness.model.LiveLoss;
import vigil.liveness.model.LivenessModels;
import vigil.liveness.model.LossWeights;
import vigil.liveness.model.ModelOptions;
import vigil.liveness.model.MultiTaskLayout;
import vigil.liveness.model.MultiTaskModel;
import vigil.liveness.model.MultiTaskObjective;
import vigil.liveness.model.MultiTaskTargets;
import vigil.liveness.passive.MiniFasNet;
import vigil.liveness.passive.MiniFasNetSpec;
import vigil.liveness.passive.MiniFasNetVariant;
import vigil.liveness.train.BinaryLogitObjective;
import vigil.liveness.train.ConfigFields;
import vigil.liveness.train.Objective;
import vigil.liveness.train.TrainBatch;
import vigil.tensor.Tensor;
import vigil.tensor.init.Rng;
import vigil.tensor.nn.Layer;
import vigil.tensor.nn.Module;

/**
 * The "model" section of a training config: a network by name ({@link LivenessModels#NAMES}) with one
 * live/spoof logit, optionally with Silent-Face's Fourier-spectrum head and a spoof-type head (the
 * attack's {@link AttackFamily}: print or replay) as auxiliary tasks, from scratch or from a Silent-Face
 * checkpoint.
 * <pre>
 * model:
 *   name: minifasnet-v2    # minifasnet-v1 | minifasnet-v2 | minifasnet-v1se | minifasnet-v2se | mobilenet-v2
 *   input: 80              # square input side; must equal data.size
 *   embedding: 128
 *   dropout: 0.2
 *   width: 1.0             # mobilenet-v2's width multiplier
 *   live_loss: ce          # ce | focal
 *   fourier_weight: 0      # > 0: add the Fourier head, its MSE loss weighted by this (Silent-Face: 0.5)
 *   spoof_type_weight: 0   # > 0: add the spoof-type head (print / replay), its cross-entropy over attacks weighted by this
 *   init: scratch          # scratch, or a Silent-Face .pth (e.g. ../shared/models/silent-face/2.7_80x80_MiniFASNetV2.pth)
 *   freeze_steps: 0        # with a .pth: steps during which the pretrained backbone is frozen
 * </pre>
 * From a .pth ({@link FineTune#fromSilentFace}) the name and input must be the file's (a V2 80x80 file
 * for minifasnet-v2, input 80), the live head is the file's 3-class one (live = class 1; attacks are
 * trained as class 2, the class the pretrained models give spoofs) and embedding is the file's 128.
 * A MiniFASNet with cross-entropy and no Fourier head is the plain {@link MiniFasNet} trained with
 * {@link BinaryLogitObjective}; anything else is a {@link MultiTaskModel} from vigil.liveness.model with
 * its {@link MultiTaskObjective}, the batches' labels packed into its targets. The weights are initialised
 * from Rng(train.seed), so a config fixes the initial model too.
 */
public record ModelConfig(String name, int input, int embedding, float dropout, float width, String liveLoss,
                          double fourierWeight, double spoofTypeWeight, String init, long freezeSteps) {
    public static final String SCRATCH = "scratch";
    /** The class a fine-tuned Silent-Face head is taught for attacks (its live class is 1). */
    public static final long SILENT_FACE_ATTACK_CLASS = 2;

    public ModelConfig {
        if (!LivenessModels.NAMES.contains(name)) {
            throw new IllegalArgumentException("model.name: unknown model '" + name + "'; known: " + LivenessModels.NAMES);
        }
        if (input < 16 || embedding < 1 || !(dropout >= 0 && dropout < 1) || !(width > 0) || !(fourierWeight >= 0)
                || !(spoofTypeWeight >= 0) || freezeSteps < 0) {
            throw new IllegalArgumentException("model: input " + input + " >= 16, embedding " + embedding
                    + " >= 1, dropout " + dropout + " in [0, 1), width " + width + " > 0, fourier_weight "
                    + fourierWeight + " >= 0, spoof_type_weight " + spoofTypeWeight + " >= 0, freeze_steps "
                    + freezeSteps + " >= 0");
        }
        LiveLoss.parse(liveLoss);
        boolean fromFile = !init.equals(SCRATCH);   // the fields are not assigned yet in a compact constructor
        if (!fromFile && freezeSteps > 0) {
            throw new IllegalArgumentException("model.freeze_steps " + freezeSteps + " needs model.init: a Silent-Face .pth");
        }
        if (fromFile) {
            MiniFasNetSpec spec = MiniFasNetSpec.fromPath(Path.of(init));
            String expected = LivenessModels.nameOf(spec.variant());
            if (!name.equals(expected) || input != spec.inputHeight() || input != spec.inputWidth()) {
                throw new IllegalArgumentException("model.init " + init + " is a " + expected + " for "
                        + spec.inputHeight() + "x" + spec.inputWidth() + " crops; model.name is " + name
                        + " and model.input " + input);
            }
        }
    }

    /** A built model with what training and scoring need. targets turns a loader batch (labels: {@link SampleCode}s) into the objective's. */
    public record Built<M extends Module & Layer>(M model, Objective objective, UnaryOperator<TrainBatch> targets) {
        /** Scores in evaluation mode: the objective's live score of the model's output. */
        public LiveScorer scorer() {
            model.eval();
            return images -> objective.liveScores(model.forward(images));
        }
    }

    public static ModelConfig read(ConfigFields f) {
        ModelConfig m = new ModelConfig(f.string("name", "minifasnet-v2"), (int) f.integer("input", 80),
                (int) f.integer("embedding", MiniFasNet.DEFAULT_EMBEDDING), (float) f.number("dropout", 0.2),
                (float) f.number("width", 1.0), f.string("live_loss", "ce"), f.number("fourier_weight", 0),
                f.number("spoof_type_weight", 0), f.string("init", SCRATCH), f.integer("freeze_steps", 0));
        f.rejectUnread();
        return m;
    }

    /** True when the weights start from a Silent-Face checkpoint. */
    public boolean pretrained() {
        return !init.equals(SCRATCH);
    }

    /** True for the plain single-head MiniFASNet path. */
    public boolean plain() {
        return name.startsWith("minifasnet-") && fourierWeight == 0 && spoofTypeWeight == 0 && !pretrained()
                && LiveLoss.parse(liveLoss) == LiveLoss.CROSS_ENTROPY;
    }

    public Built<?> build(long seed) {
        if (plain()) {
            MiniFasNetVariant variant = MiniFasNetVariant.valueOf(name.substring("minifasnet-".length()).toUpperCase(java.util.Locale.ROOT));
            MiniFasNet net = new MiniFasNet(variant, input, input, 1, embedding, dropout, new Rng(seed));
            return new Built<>(net, BinaryLogitObjective.mean(), batch -> new TrainBatch(batch.inputs(),
                    Tensor.ofLongs(liveLabels(batch.targets().longs(), 1, 0), batch.size())));
        }
        ModelOptions options = ModelOptions.of(input).withFourier(fourierWeight > 0).withEmbedding(embedding)
                .withDropout(dropout).withSeed(seed).withSpoofTypes(spoofTypeWeight > 0 ? AttackFamily.count() : 0);
        if (name.equals("mobilenet-v2")) {
            options = options.withWidthMultiplier(width);
        }
        MultiTaskModel model;
        try {
            model = pretrained() ? FineTune.fromSilentFace(Path.of(init), options, freezeSteps).model()
                    : LivenessModels.create(name, options);
        } catch (IOException e) {
            throw new UncheckedIOException("model.init " + init + ": " + e.getMessage(), e);
        }
        MultiTaskLayout layout = model.layout();
        MultiTaskObjective objective = new MultiTaskObjective(layout, LiveLoss.parse(liveLoss),
                new LossWeights(1, spoofTypeWeight, fourierWeight, 0), DepthLoss.MSE, MultiTaskObjective.SILENT_FACE_LIVE_CLASS);
        long attackClass = layout.liveOutputs() == 1 ? 0 : SILENT_FACE_ATTACK_CLASS;
        return new Built<>(model, objective, batch -> pack(layout, batch, attackClass));
    }

    /** Sample codes [B] to the packed multi-task targets; the Fourier targets come from the images. */
    static TrainBatch pack(MultiTaskLayout layout, TrainBatch batch, long attackClass) {
        long[] codes = batch.targets().longs();
        Tensor targets = MultiTaskTargets.forImages(layout, batch.inputs(),
                liveLabels(codes, MultiTaskObjective.SILENT_FACE_LIVE_CLASS, attackClass), spoofTypes(codes), null).pack(layout);
        return new TrainBatch(batch.inputs(), targets);
    }

    /** Per sample liveLabel for live codes, attackLabel for attacks. */
    static long[] liveLabels(long[] codes, long liveLabel, long attackLabel) {
        long[] out = new long[codes.length];
        for (int i = 0; i < codes.length; i++) {
            out[i] = SampleCode.isLive(codes[i]) ? liveLabel : attackLabel;
        }
        return out;
    }

    /** Per sample the attack family class, -1 for live samples and attacks of no known family. */
    static long[] spoofTypes(long[] codes) {
        long[] out = new long[codes.length];
        for (int i = 0; i < codes.length; i++) {
            out[i] = SampleCode.family(codes[i]);
        }
        return out;
    }

}
