package vigil.liveness.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.tensor.nn.Sequential;

/** On separable synthetic data the trainer learns the classes, and leaves its files behind. */
class ConvergenceTest {
    @TempDir
    Path dir;

    @Test
    void separableBlobsAreLearnedWithLiveScoresThatRankLiveFirst() throws IOException {
        Trainer<Sequential> t = TrainerFixtures.trainer(TrainerFixtures.config(dir), TrainerFixtures.model(2));
        TrainResult result = t.fit(TrainerFixtures.train(), TrainerFixtures.validation());
        List<Map<String, Object>> rows = t.metricsLog().rows();
        double firstTrainLoss = ((Number) rows.get(0).get("train_loss")).doubleValue();
        ValidationResult end = result.lastValidation();
        assertTrue(end.accuracy() >= 0.95, "accuracy " + end.accuracy());
        assertTrue(end.loss() < 0.5 * firstTrainLoss, "val loss " + end.loss() + " vs first train loss " + firstTrainLoss);
        assertTrue(end.pad().auc() >= 0.98, "AUC " + end.pad().auc());
        assertEquals(32, end.samples());
        assertEquals(List.of(), DivergenceStopTest.leftovers(dir));
        BufferedImage curve = ImageIO.read(result.curve().toFile());
        assertEquals(TrainingCurve.WIDTH, curve.getWidth());
        assertTrue(Files.size(result.best()) > 0);
    }

    @Test
    void progressBarCountsEveryStep() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        Trainer<Sequential> t = new Trainer<>(TrainerFixtures.config(dir), TrainerFixtures.model(2),
                ClassificationObjective.crossEntropy(1), new java.io.PrintStream(bytes, true, "UTF-8"));
        t.fit(TrainerFixtures.train(), TrainerFixtures.validation());
        String drawn = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(drawn.contains("train [############################] 30/30"), drawn);
        assertTrue(drawn.endsWith(System.lineSeparator()), "the bar ends its line");
    }
}
