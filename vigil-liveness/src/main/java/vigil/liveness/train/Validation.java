package vigil.liveness.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import vigil.liveness.metrics.PadMetrics;
import vigil.liveness.metrics.ScoredSample;
import vigil.tensor.Tensor;
import vigil.tensor.autograd.Autograd;
import vigil.tensor.nn.Layer;
import vigil.tensor.nn.Module;

/**
 * Runs every batch of a validation source through the model in evaluation mode (dropout off,
 * batch norm on running statistics) without recording gradients, then puts the model back in
 * training mode. Evaluation draws no randomness and changes no state, so validating never perturbs
 * the training run it interrupts.
 */
final class Validation {
    private Validation() {
    }

    static <M extends Module & Layer> ValidationResult run(M model, Objective objective, BatchSource source)
            throws IOException {
        long batches = source.batchesPerEpoch();
        double lossSum = 0;
        long correct = 0;
        int samples = 0;
        List<ScoredSample> scored = new ArrayList<>();
        model.eval();
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            for (long k = 0; k < batches; k++) {
                TrainBatch batch = source.batch(k);
                Tensor output = model.forward(batch.inputs());
                lossSum += (double) objective.loss(output, batch.targets()).item() * batch.size();
                correct += objective.correct(output, batch.targets());
                samples += batch.size();
                if (objective.scoresLiveness()) {
                    double[] scores = objective.liveScores(output);
                    boolean[] live = objective.isLive(batch.targets());
                    for (int i = 0; i < scores.length; i++) {
                        scored.add(live[i] ? ScoredSample.live(scores[i]) : ScoredSample.attack(scores[i], ""));
                    }
                }
            }
        } finally {
            model.train(true);
        }
        PadMetrics pad = objective.scoresLiveness() ? PadMetrics.of(scored, PadMetrics.DEFAULT_THRESHOLD) : null;
        return new ValidationResult(samples == 0 ? Double.NaN : lossSum / samples,
                samples == 0 ? Double.NaN : (double) correct / samples, samples, pad);
    }
}
