package vigil.liveness.qat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import vigil.liveness.passive.MiniFasNet;
import vigil.liveness.train.BatchSource;
import vigil.liveness.train.TrainBatch;
import vigil.quant.qat.QatSchedule;
import vigil.tensor.Tensor;
import vigil.tensor.TensorScope;
import vigil.tensor.loss.CrossEntropy;
import vigil.tensor.optim.Sgd;

/**
 * Quantization-aware fine-tuning of a float MiniFASNet: wraps it ({@link QatMiniFasNet}), runs the
 * configured steps on batches 0, 1, ... of the source (inputs [B, 3, H, W] BGR 0..255, class indices [B]),
 * and leaves the model and wrapper in evaluation mode. The model's own tensors are trained in place.
 */
public final class QatFineTuner {
    private static final double MOMENTUM = 0.9;

    private QatFineTuner() {
    }

    /** The trained wrapper and the loss of each step. */
    public record Result(QatMiniFasNet qat, List<Double> losses) {
    }

    public static Result fineTune(MiniFasNet model, BatchSource source, QatConfig config, Consumer<String> log)
            throws IOException {
        QatSchedule schedule = new QatSchedule(config.quantDelay(), config.freezeBatchNormAt());
        QatMiniFasNet qat = QatMiniFasNet.wrap(model, schedule);
        qat.train(true);
        Sgd sgd = new Sgd(model.parameters(), config.learningRate(), MOMENTUM, 0, 0, false);
        CrossEntropy loss = CrossEntropy.mean();
        List<Double> losses = new ArrayList<>();
        for (int step = 0; step < config.steps(); step++) {
            TrainBatch batch = source.batch(step);
            double value;
            // the step's activations go back to the buffer pool for the next step (see TensorScope)
            try (TensorScope stepScope = TensorScope.open()) {
                sgd.zeroGrad();
                Tensor l = loss.apply(qat.forward(batch.inputs()), batch.targets());
                value = l.item();
                if (!Double.isFinite(value)) {
                    throw new IllegalStateException("QAT " + model.describe() + " step " + step + ": loss " + value);
                }
                l.backward();
                sgd.step();
            }
            losses.add(value);
            log.accept(String.format("qat step %d/%d: loss %.5f%s", step + 1, config.steps(), value,
                    schedule.quantizing() ? " (fake-quantized)" : " (collecting ranges)"));
            schedule.advance();
        }
        qat.eval();
        return new Result(qat, losses);
    }
}
