package vigil.cli.train;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import vigil.liveness.eval.LiveScorer;
import vigil.liveness.model.DepthLoss;
import vigil.liveness.model.LiveLoss;
import vigil.liveness.model.LivenessModels;
import vigil.liveness.model.LossWeights;
import vigil.liveness.model.ModelOptions;
import vigil.liveness.model.MultiTaskLayout;
import vigil.liveness.model.MultiTaskModel;
import vigil.liveness.model.MultiTaskObjective;
import vigil.liveness.model.MultiTaskTargets;
import vigil.liveness.passive.MiniFasNet;
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
 * live/spoof logit, optionally with Silent-Face's Fourier-spectrum head as an auxiliary task.
 * <pre>
 * model:
 *   name: minifasnet-v2    # minifasnet-v1 | minifasnet-v2 | minifasnet-v1se | minifasnet-v2se | mobilenet-v2
 *   input: 80              # square input side; must equal data.size
 *   embedding: 128
 *   dropout: 0.2
 *   width: 1.0             # mobilenet-v2's width multiplier
 *   live_loss: ce          # ce | focal
 *   fourier_weight: 0      # > 0: add the Fourier head, its MSE loss weighted by this (Silent-Face: 0.5)
 * </pre>
 * A MiniFASNet with cross-entropy and no Fourier head is the plain {@link MiniFasNet} trained with
 * {@link BinaryLogitObjective}; anything else is a {@link MultiTaskModel} from vigil.liveness.model with
 * its {@link MultiTaskObjective}, the batches' labels packed into its targets. The weights are initialised
 * from Rng(train.seed), so a config fixes the initial model too.
 */
public record ModelConfig(String name, int input, int embedding, float dropout, float width, String liveLoss,
                          double fourierWeight) {

    public ModelConfig {
        if (!LivenessModels.NAMES.contains(name)) {
            throw new IllegalArgumentException("model.name: unknown model '" + name + "'; known: " + LivenessModels.NAMES);
        }
        if (input < 16 || embedding < 1 || !(dropout >= 0 && dropout < 1) || !(width > 0) || !(fourierWeight >= 0)) {
            throw new IllegalArgumentException("model: input " + input + " >= 16, embedding " + embedding
                    + " >= 1, dropout " + dropout + " in [0, 1), width " + width + " > 0, fourier_weight "
                    + fourierWeight + " >= 0");
        }
        LiveLoss.parse(liveLoss);
    }

    /** A built model with what training and scoring need. targets turns a loader batch (labels 1 live / 0 attack) into the objective's. */
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
                (float) f.number("width", 1.0), f.string("live_loss", "ce"), f.number("fourier_weight", 0));
        f.rejectUnread();
        return m;
    }

    /** True for the plain single-head MiniFASNet path. */
    public boolean plain() {
        return name.startsWith("minifasnet-") && fourierWeight == 0 && LiveLoss.parse(liveLoss) == LiveLoss.CROSS_ENTROPY;
    }

    public Built<?> build(long seed) {
        if (plain()) {
            MiniFasNetVariant variant = MiniFasNetVariant.valueOf(name.substring("minifasnet-".length()).toUpperCase(java.util.Locale.ROOT));
            MiniFasNet net = new MiniFasNet(variant, input, input, 1, embedding, dropout, new Rng(seed));
            return new Built<>(net, BinaryLogitObjective.mean(), UnaryOperator.identity());
        }
        ModelOptions options = ModelOptions.of(input).withFourier(fourierWeight > 0).withEmbedding(embedding)
                .withDropout(dropout).withSeed(seed);
        if (name.equals("mobilenet-v2")) {
            options = options.withWidthMultiplier(width);
        }
        MultiTaskModel model = LivenessModels.create(name, options);
        MultiTaskLayout layout = model.layout();
        MultiTaskObjective objective = new MultiTaskObjective(layout, LiveLoss.parse(liveLoss),
                new LossWeights(1, 0, fourierWeight, 0), DepthLoss.MSE, MultiTaskObjective.SILENT_FACE_LIVE_CLASS);
        return new Built<>(model, objective, batch -> pack(layout, batch));
    }

    /** Labels [B] (1 live, 0 attack) to the packed multi-task targets; the Fourier targets come from the images. */
    private static TrainBatch pack(MultiTaskLayout layout, TrainBatch batch) {
        long[] live = batch.targets().longs();
        long[] noType = new long[live.length];
        Arrays.fill(noType, -1);
        Tensor targets = MultiTaskTargets.forImages(layout, batch.inputs(), live, noType, null).pack(layout);
        return new TrainBatch(batch.inputs(), targets);
    }

}
