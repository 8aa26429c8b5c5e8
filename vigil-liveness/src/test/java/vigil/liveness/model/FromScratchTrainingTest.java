package vigil.liveness.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.data.image.BgrImage;
import vigil.face.detect.FaceBox;
import vigil.liveness.train.BatchSource;
import vigil.liveness.train.TrainBatch;
import vigil.liveness.train.TrainConfig;
import vigil.liveness.train.TrainResult;
import vigil.liveness.train.Trainer;
import vigil.tensor.autograd.Autograd;

/**
 * A freshly initialised multi-task MobileNetV2 (width 0.35, 48x48, one live logit, focal loss + 0.5
 * Fourier MSE) trained by the generic Trainer on the tiny face / synthesised-attack set fits it: the
 * mean training loss of the last 10 steps is under half that of the first 10, and the model then
 * classifies the whole training set right in training mode (batch-norm on batch statistics; with 40
 * steps the running statistics used in evaluation mode still lag the moving weights, and the
 * evaluation-mode accuracy is printed, not asserted). Memorising 12 crops is what a working
 * forward/backward pair must manage; it says nothing about generalisation.
 */
class FromScratchTrainingTest {
    private static final int STEPS = 40;
    private static final int WINDOW = 10;

    @Test
    void lossFallsAndTheTinySetIsFitted(@TempDir Path dir) throws IOException {
        List<BgrImage> photos = FaceCropSet.photos();
        List<List<FaceBox>> boxes = FaceCropSet.detect(FaceCropSet.detector(), photos);
        FaceCropSet.Crops crops = FaceCropSet.crops(photos, boxes, 2.7, 48, 7);
        MultiTaskModel model = LivenessModels.create("mobilenet-v2", ModelOptions.of(48).withWidthMultiplier(0.35f)
                .withMapHeadWidth(16).withSeed(1));
        MultiTaskLayout layout = model.layout();
        long[] labels = new long[crops.size()];
        long[] types = new long[crops.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = crops.live()[i] ? 1 : 0;
            types[i] = -1;
        }
        TrainBatch batch = new TrainBatch(crops.images(),
                MultiTaskTargets.forImages(layout, crops.images(), labels, types, null).pack(layout));
        BatchSource source = FaceCropSet.everyStep(batch);
        TrainConfig config = TrainConfig.parse("""
                {"seed": 4, "steps": %d, "batch_size": %d, "optimizer": {"type": "adam", "lr": 0.002},
                 "validate_every": %d, "output": "%s"}
                """.formatted(STEPS, crops.size(), WINDOW, dir.toString()), "scratch.json");
        MultiTaskObjective objective = new MultiTaskObjective(layout, LiveLoss.FOCAL, new LossWeights(1, 0, 0.5, 0),
                DepthLoss.MSE, 1);
        Trainer<MultiTaskModel> trainer = new Trainer<>(config, model, objective, null);
        TrainResult result = trainer.fit(source, source);
        List<Map<String, Object>> rows = trainer.metricsLog().rows();
        double first = ((Number) rows.get(0).get("train_loss")).doubleValue();
        double last = ((Number) rows.get(rows.size() - 1).get("train_loss")).doubleValue();
        System.out.printf(java.util.Locale.ROOT, "from scratch: %d crops, mean train loss steps 1-%d %.4f, steps %d-%d %.4f,"
                + " final accuracy %.3f%n", crops.size(), WINDOW, first, STEPS - WINDOW + 1, STEPS, last,
                result.lastValidation().accuracy());
        int fitted;
        try (Autograd.NoGrad ignored = Autograd.noGrad()) {
            fitted = objective.correct(model.forward(batch.inputs()), batch.targets());
        }
        System.out.printf(java.util.Locale.ROOT, "from scratch: right in training mode (batch statistics): %d of %d%n",
                fitted, crops.size());
        assertTrue(last < 0.5 * first, "loss " + first + " -> " + last);
        assertEquals(crops.size(), fitted, "training-mode predictions right");
    }
}
